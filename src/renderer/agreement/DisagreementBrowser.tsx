// Every span and relation disagreement in a list, filterable by label, annotator pair and kind, each side
// shown by its label and its words; choosing one opens the document in the compare view with both
// annotators' spans, scrolled to it.
import { type ReactNode, type UIEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  Disagreement,
  DisagreementKind,
  ListedRelation,
  ListedSpan,
  RelationDisagreement,
  RelationDisagreementKind,
} from '../../core/agreement';
import type { AnnotationRecord, Span } from '../../core/model';
import { relationKind as relKind } from '../../core/reports';
import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { Select } from '../ui/Select';
import { PAGE_ROWS } from '../ui/usePagedRows';
import { CompareView } from './CompareView';
import { MoreRows } from './DocumentTable';
import { useDocumentChars } from './useDocumentChars';

const KINDS: Record<DisagreementKind, string> = {
  missing: 'only one marked it',
  label: 'different label',
  boundaries: 'different boundaries',
};
const RELATION_KINDS: Record<RelationDisagreementKind, string> = {
  missing: 'relation only one has',
  type: 'relation of another type',
  direction: 'relation the other way',
};

/** The spans the figures counted for one annotator in one document (its record, unless still to do or skipped). */
function countedSpans(records: AnnotationRecord[], annotator: string): Span[] {
  const r = records.find((x) => x.annotator === annotator);
  return r && r.status !== 'todo' && r.status !== 'skipped' ? r.spans : [];
}

const QUOTE = 80;

/** A span's words, shortened in the middle when long; its offsets only until the text has arrived. */
function quote(chars: readonly string[] | undefined, s: ListedSpan): string {
  if (!chars) return `${s.start}–${s.end}`;
  const words = chars.slice(s.start, s.end);
  const text =
    words.length > QUOTE
      ? `${words.slice(0, QUOTE / 2).join('')} … ${words.slice(-QUOTE / 2).join('')}`
      : words.join('');
  return `“${text.replace(/\s+/g, ' ').trim()}”`;
}

function labelled(s: ListedSpan, chars: readonly string[] | undefined, colors: Record<string, string>) {
  return (
    <>
      <span className="ag-label" style={{ borderColor: colors[s.label] ?? '#888' }}>
        {s.label}
      </span>{' '}
      <bdi className="ag-quote" title={`${s.start}–${s.end}`}>
        {quote(chars, s)}
      </bdi>
    </>
  );
}

function side(
  name: string,
  s: ListedSpan | null,
  overlapping: ListedSpan[],
  chars: readonly string[] | undefined,
  colors: Record<string, string>,
) {
  return (
    <span className="ag-side" data-testid="ag-side">
      <span className="muted">{name}:</span>{' '}
      {s ? (
        labelled(s, chars, colors)
      ) : overlapping.length ? (
        <>
          <em className="muted">no span of its own here; labelled this stretch</em>{' '}
          {overlapping.map((o, i) => (
            <span key={`${o.start}:${o.end}:${o.label}`}>
              {i > 0 && ', '}
              {labelled(o, chars, colors)}
            </span>
          ))}
        </>
      ) : (
        <em className="muted">nothing here</em>
      )}
    </span>
  );
}

function relationText(r: ListedRelation, chars: readonly string[] | undefined, colors: Record<string, string>) {
  return (
    <>
      {labelled(r.from, chars, colors)} <span className="ag-rel-type">—{r.type}→</span> {labelled(r.to, chars, colors)}
    </>
  );
}

function relationSide(
  name: string,
  d: RelationDisagreement,
  mine: boolean,
  chars: readonly string[] | undefined,
  colors: Record<string, string>,
) {
  const shown = mine ? [d.relation] : d.other;
  return (
    <span className="ag-side" data-testid="ag-side">
      <span className="muted">{name}:</span>{' '}
      {shown.length ? (
        shown.map((r, i) => (
          <span key={`${r.type}/${r.from.start}/${r.to.start}`}>
            {i > 0 && '; '}
            {relationText(r, chars, colors)}
          </span>
        ))
      ) : (
        <em className="muted">no relation between these spans</em>
      )}
    </span>
  );
}

const relationKey = (d: RelationDisagreement) =>
  `${d.document}/${d.a}/${d.b}/${d.side}/${d.relation.type}/${d.relation.from.start}:${d.relation.from.end}:${d.relation.from.label}/${d.relation.to.start}:${d.relation.to.end}:${d.relation.to.label}`;

type Chosen = { kind: 'span'; d: Disagreement } | { kind: 'relation'; d: RelationDisagreement };

/** One disagreement in the list: what kind, in which document, what each side has. */
function Item({
  testId,
  dataKind,
  selected,
  onPick,
  kind,
  what,
  document,
  children,
}: {
  testId: string;
  dataKind?: string;
  selected: boolean;
  onPick(): void;
  kind: string;
  what: string;
  document: string;
  children: ReactNode;
}) {
  return (
    <li>
      <button
        type="button"
        className={`ag-item${selected ? ' selected' : ''}`}
        data-testid={testId}
        data-kind={dataKind}
        onClick={onPick}
      >
        <span className={`ag-kind ${kind}`}>{what}</span>
        <span className="mono small-text">{document}</span>
        {children}
      </button>
    </li>
  );
}

/** One window of both lists as the filters keep them, appended as the list is scrolled. */
function useDisagreementPages(
  job: string,
  filters: { label?: string; pair?: string; kind?: string; document?: string },
  listed: boolean,
) {
  const api = useApi();
  const key = JSON.stringify(filters);
  const [state, setState] = useState<{
    key: string;
    spans: Disagreement[];
    relations: RelationDisagreement[];
    totals: { spans: number; relations: number } | null;
    loading: boolean;
    error: string | null;
  }>({ key: '', spans: [], relations: [], totals: null, loading: false, error: null });
  // The newest filters win: an answer for filters changed since is dropped, whatever order answers come in.
  const current = useRef('');
  const load = useCallback(
    (offset: number) => {
      const asked = `${job}\u0000${key}`;
      current.current = asked;
      setState((s) => ({ ...s, loading: true }));
      api.agreementDisagreements(job, { offset, limit: PAGE_ROWS, filters: JSON.parse(key) }).then(
        (page) =>
          setState((s) => {
            if (asked !== current.current) return s;
            const fresh = offset === 0 || s.key !== asked;
            return {
              key: asked,
              spans: fresh ? page.spans.rows : [...s.spans, ...page.spans.rows],
              relations: fresh ? page.relations.rows : [...s.relations, ...page.relations.rows],
              totals: { spans: page.spans.total, relations: page.relations.total },
              loading: false,
              error: null,
            };
          }),
        (err: unknown) =>
          setState((s) => (asked !== current.current ? s : { ...s, loading: false, error: errorText(err) })),
      );
    },
    [api, job, key],
  );
  // the span list may arrive after the figures: asked again once it exists
  useEffect(() => {
    void listed;
    load(0);
  }, [load, listed]);
  const loaded = Math.max(state.spans.length, state.relations.length);
  const all = state.totals ? Math.max(state.totals.spans, state.totals.relations) : 0;
  const more = useCallback(() => {
    if (!state.loading && loaded < all) load(loaded);
  }, [state.loading, loaded, all, load]);
  return { ...state, more };
}

export function DisagreementBrowser(props: {
  job: string;
  /** `disagreements` is null while the span list is still being built. */
  counts: { disagreements: number | null; relationDisagreements: number };
  labels: string[];
  annotators: string[];
  colors: Record<string, string>;
  document: string | null;
  onDocument(id: string | null): void;
}) {
  const { job, counts, labels, annotators, colors, document, onDocument } = props;
  const api = useApi();
  const viewer = useApp((s) => s.annotator);
  const [label, setLabel] = useState('');
  const [pair, setPair] = useState('');
  const [kind, setKind] = useState('');
  const [picked, setPicked] = useState<Chosen | null>(null);
  const chosen = picked?.d ?? null;
  const pairs = useMemo(() => {
    const out: string[] = [];
    for (let i = 0; i < annotators.length; i++)
      for (let j = i + 1; j < annotators.length; j++) out.push(`${annotators[i]}\u0000${annotators[j]}`);
    return out;
  }, [annotators]);
  const filters = useMemo(
    () => ({
      ...(label ? { label } : {}),
      ...(pair ? { pair } : {}),
      ...(kind ? { kind } : {}),
      ...(document ? { document } : {}),
    }),
    [label, pair, kind, document],
  );
  const listed = counts.disagreements !== null;
  const pages = useDisagreementPages(job, filters, listed);
  const shown = pages.spans;
  const shownRelations = pages.relations;
  const [layers, setLayers] = useState<{ a: Span[]; b: Span[] } | null>(null);
  const [layerError, setLayerError] = useState<string | null>(null);
  useEffect(() => {
    setLayers(null);
    if (!chosen) return;
    let live = true;
    api.listAnnotations(chosen.document, viewer ?? undefined).then(
      (records) => {
        if (live) setLayers({ a: countedSpans(records, chosen.a), b: countedSpans(records, chosen.b) });
      },
      (err: unknown) => live && setLayerError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, chosen, viewer]);
  const onScroll = (event: UIEvent<HTMLElement>) => {
    const el = event.currentTarget;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - 200) pages.more();
  };
  const texts = useDocumentChars(
    useMemo(() => [...shown, ...shownRelations].map((d) => d.document), [shown, shownRelations]),
  );
  const key = (d: Disagreement) =>
    `${d.document}/${d.a}/${d.b}/${d.start}/${d.end}/${d.spanA?.label}/${d.spanB?.label}`;
  return (
    <div className="ag-browser" data-testid="ag-browser">
      {(pages.error || layerError) && <FieldError>{pages.error ?? layerError}</FieldError>}
      <div className="ag-filters">
        {[
          { name: 'Label', id: 'label', value: label, set: setLabel, all: 'All labels', choices: labels },
          {
            name: 'Annotator pair',
            id: 'pair',
            value: pair,
            set: setPair,
            all: 'All pairs',
            choices: pairs.map((p) => ({ value: p, text: p.replace('\u0000', ' × ') })),
          },
          {
            name: 'Kind',
            id: 'kind',
            value: kind,
            set: setKind,
            all: 'All kinds',
            choices: [
              ...Object.entries(KINDS).map(([k, text]) => ({ value: k, text })),
              ...(counts.relationDisagreements
                ? Object.entries(RELATION_KINDS).map(([k, text]) => ({
                    value: relKind(k as RelationDisagreementKind),
                    text,
                  }))
                : []),
            ],
          },
        ].map((f) => (
          <Select
            key={f.id}
            aria-label={f.name}
            value={f.value}
            onChange={f.set}
            data-testid={`ag-f-${f.id}`}
            choices={f.choices}
          >
            <option value="">{f.all}</option>
          </Select>
        ))}
        {document && (
          <button type="button" onClick={() => onDocument(null)} data-testid="ag-f-doc">
            {document} ✕
          </button>
        )}
        <span className="muted" data-testid="ag-count">
          {listed ? `${pages.totals?.spans ?? '…'} of ${counts.disagreements} disagreements` : 'listing disagreements…'}
        </span>
        {counts.relationDisagreements > 0 && (
          <span className="muted" data-testid="ag-rel-count">
            · {pages.totals?.relations ?? '…'} of {counts.relationDisagreements} on relations
          </span>
        )}
      </div>
      <div className="ag-browser-body">
        <ol className="ag-list" onScroll={onScroll} data-testid="ag-list">
          {shown.map((d) => (
            <Item
              key={key(d)}
              testId="ag-item"
              selected={picked?.kind === 'span' && key(picked.d) === key(d)}
              onPick={() => setPicked({ kind: 'span', d })}
              kind={`ag-kind-${d.kind}`}
              what={d.kind === 'missing' && d.overlapping.length ? 'a label the other has not here' : KINDS[d.kind]}
              document={d.document}
            >
              {side(d.a, d.spanA, d.spanA ? [] : d.overlapping, texts.get(d.document), colors)}
              {side(d.b, d.spanB, d.spanB ? [] : d.overlapping, texts.get(d.document), colors)}
            </Item>
          ))}
          {shownRelations.map((d) => (
            <Item
              key={relationKey(d)}
              testId="ag-rel-item"
              dataKind={d.kind}
              selected={picked?.kind === 'relation' && relationKey(picked.d) === relationKey(d)}
              onPick={() => setPicked({ kind: 'relation', d })}
              kind={`ag-kind-relation-${d.kind}`}
              what={RELATION_KINDS[d.kind]}
              document={d.document}
            >
              {relationSide(d.a, d, d.side === 'a', texts.get(d.document), colors)}
              {relationSide(d.b, d, d.side === 'b', texts.get(d.document), colors)}
            </Item>
          ))}
          {pages.totals && (
            <li>
              <MoreRows
                shown={Math.max(shown.length, shownRelations.length)}
                total={Math.max(pages.totals.spans, pages.totals.relations)}
                loading={pages.loading}
                onMore={pages.more}
                what="in the longer list"
              />
            </li>
          )}
        </ol>
        <div className="ag-browser-doc">
          {chosen && layers ? (
            <>
              {picked?.kind === 'relation' && (
                <p className="ag-rel-focus small-text" data-testid="ag-rel-focus">
                  {relationSide(picked.d.a, picked.d, picked.d.side === 'a', texts.get(picked.d.document), colors)}
                  <br />
                  {relationSide(picked.d.b, picked.d, picked.d.side === 'b', texts.get(picked.d.document), colors)}
                </p>
              )}
              <CompareView
                document={chosen.document}
                a={chosen.a}
                b={chosen.b}
                spansA={layers.a}
                spansB={layers.b}
                focus={{ start: chosen.start, end: chosen.end }}
                colors={colors}
              />
            </>
          ) : (
            <p className="muted">Choose a disagreement to see both annotators' spans in the document.</p>
          )}
        </div>
      </div>
    </div>
  );
}
