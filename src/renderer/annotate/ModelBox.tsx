// The model beside the coder: whether it is trained and current, its suggestions on this document (on or
// off; off by default while a reliability round is open for the coder), the one selected, and the order
// "next document" follows.
import type { DocumentOrder } from '../../core/model';
import { useApp, useAppDerived } from '../state/context';
import { openSuggestions, suggestionsShown } from '../state/modelSlice';
import { mapFor } from '../state/textMap';
import { LabelledSelect } from '../ui/Select';
import { localTime } from '../ui/time';

const ORDERS: { value: DocumentOrder; text: string }[] = [
  { value: 'list', text: 'list order' },
  { value: 'uncertainty', text: 'model uncertainty first' },
];

function SelectedSuggestion() {
  const id = useApp((s) => s.selectedSuggestion);
  const suggestion = useApp((s) => s.suggestions?.spans.find((x) => x.id === s.selectedSuggestion) ?? null);
  const text = useApp((s) => s.doc?.text ?? '');
  const accept = useApp((s) => s.acceptSuggestion);
  const reject = useApp((s) => s.rejectSuggestion);
  if (id === null || !suggestion) return null;
  const map = mapFor(text);
  const quote = text.slice(map.toUtf16(suggestion.start), map.toUtf16(suggestion.end));
  return (
    <div className="suggestion-selected" data-testid="suggestion-selected">
      <div>
        The model suggests <strong>{suggestion.label}</strong> for “<bdi>{quote}</bdi>”
      </div>
      <div className="suggestion-actions">
        <button type="button" data-testid="suggestion-accept" onClick={() => accept(id)}>
          Accept (Enter)
        </button>
        <button type="button" data-testid="suggestion-reject" onClick={() => reject(id)}>
          Reject (Del)
        </button>
      </div>
      <div className="muted small-text">A label key (1–9) accepts it with that label instead.</div>
    </div>
  );
}

export function ModelBox() {
  const status = useApp((s) => s.model);
  const suggestions = useApp((s) => s.suggestions);
  const wanted = useApp((s) => s.suggestionsWanted);
  const setWanted = useApp((s) => s.setSuggestionsWanted);
  const order = useApp((s) => s.project?.settings.documentOrder ?? 'list');
  const orderInfo = useApp((s) => s.order);
  const setOrder = useApp((s) => s.setDocumentOrder);
  const annotator = useApp((s) => s.annotator);
  const model = status?.model ?? null;
  const shown = suggestionsShown(wanted, suggestions);
  // The suggestions still open, kept while an edit leaves them as they were: a span that covers none renders
  // nothing here.
  const open = useAppDerived(
    (s) =>
      [s.suggestions, s.record?.spans, s.record?.status, s.doc ? s.rejectedSuggestions[s.doc.id] : undefined] as const,
    (suggestions, spans, status, rejected) =>
      openSuggestions(suggestions, spans && status ? { spans, status } : null, rejected ?? []),
    (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  const rounds = suggestions?.openRounds ?? [];
  const training = status?.training?.state === 'running';
  return (
    <section className="panel-section model-box" data-testid="model-box" aria-label="Model">
      <h2>Model</h2>
      {model ? (
        <p className="muted small-text" data-testid="model-trained">
          Trained {localTime(model.trainedAt)} on {model.coded} coded document{model.coded === 1 ? '' : 's'}.
          {model.staleness.stale && (
            <span className="warn-text" data-testid="model-stale">
              {' '}
              Out of date: {model.staleness.reasons.join('; ')}.
            </span>
          )}
        </p>
      ) : (
        <p className="muted small-text" data-testid="model-none">
          {status?.problem
            ? `The model cannot be read (${status.problem}); train it again.`
            : 'No model yet. Train it in the Agreement view (or framelens model train): it learns from the coding and suggests spans here.'}
        </p>
      )}
      {training && <p className="muted small-text">Training…</p>}
      {model && (
        <>
          <label title="The model's spans you have not marked, as dashed outlines">
            <input
              type="checkbox"
              data-testid="show-suggestions"
              checked={shown}
              disabled={!annotator}
              onChange={(e) => setWanted(e.target.checked)}
            />{' '}
            show the model’s suggestions{shown && suggestions && !suggestions.withheld ? ` (${open.length})` : ''}
          </label>
          {rounds.length > 0 && (
            <p className="muted small-text" data-testid="suggestions-round">
              Off unless you turn them on: reliability round {rounds.join(', ')} is open for you, and a round’s coders
              code without help so that their agreement means something.
            </p>
          )}
          {shown && suggestions?.withheld === 'finished' && (
            <p className="muted small-text">You finished this document: the model suggests nothing here.</p>
          )}
          {shown && suggestions?.withheld === 'not-predicted' && (
            <p className="muted small-text">This document came after the model was trained; train again to cover it.</p>
          )}
          {shown && open.length > 0 && <SelectedSuggestion />}
          {shown && open.length > 0 && (
            <p className="muted small-text">G selects the next suggestion, Shift+G the previous.</p>
          )}
        </>
      )}
      <LabelledSelect<DocumentOrder>
        className="field"
        label="Next document (J / K / N)"
        data-testid="document-order"
        value={order}
        onChange={(o) => void setOrder(o)}
        choices={ORDERS}
        title="A project setting: every coder's next document follows it, and a study report names it"
      />
      {order === 'uncertainty' && orderInfo && !orderInfo.available && (
        <p className="muted small-text">No model yet: the list order is used until one is trained.</p>
      )}
    </section>
  );
}
