// One relation type in the codebook editor: name (a rename follows into every layer's relations), colour,
// description, hotkey, direction, and the span labels it may start from and point at. Deleting or merging
// says first how many relations use the type; a type no relation uses is deleted at once. Every change carries
// the editor's reason and open-round choice into the codebook changelog, as label changes do.
import type { RelationTypeUsage } from '../../core/api';
import type { RelationType } from '../../core/model';
import { errorText } from '../ui/errors';
import { RELATION_TYPES, saveNamed, withEdit } from './editFor';
import { ColorField, Field, ItemActions, type ItemFormProps, UsageQuestion, useItemForm } from './formParts';

interface Draft {
  name: string;
  color: string;
  description: string;
  hotkey: string;
  symmetric: boolean;
  source: string[];
  target: string[];
}

const toDraft = (t: RelationType): Draft => ({
  name: t.name,
  color: t.color,
  description: t.description ?? '',
  hotkey: t.hotkey ?? '',
  symmetric: t.symmetric === true,
  source: t.source ?? [],
  target: t.target ?? [],
});

function fromDraft(d: Draft): RelationType {
  return {
    name: d.name.trim(),
    color: d.color,
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    ...(d.hotkey.trim() ? { hotkey: d.hotkey.trim() } : {}),
    ...(d.source.length ? { source: d.source } : {}),
    ...(d.target.length ? { target: d.target } : {}),
    ...(d.symmetric ? { symmetric: true } : {}),
  };
}

/** The span labels a relation may start from or point at; none ticked: any label. */
function LabelChoice({
  legend,
  labels,
  chosen,
  onChange,
}: {
  legend: string;
  labels: readonly string[];
  chosen: readonly string[];
  onChange(next: string[]): void;
}) {
  return (
    <fieldset className="cb-allowed" data-testid={`rt-${legend.startsWith('From') ? 'source' : 'target'}`}>
      <legend>{legend}</legend>
      {labels.map((l) => (
        <label key={l}>
          <input
            type="checkbox"
            checked={chosen.includes(l)}
            data-label={l}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked
                  ? labels.filter((x) => x === l || chosen.includes(x))
                  : chosen.filter((x) => x !== l),
              )
            }
          />{' '}
          {l}
        </label>
      ))}
      {chosen.length === 0 && <span className="muted small-text">any label</span>}
    </fieldset>
  );
}

export function RelationTypeForm({ type, codebook, onDone, editFor }: { type: RelationType } & ItemFormProps) {
  // Starts again when the type itself changes, not when a reload hands over an equal copy (asking for the usage
  // reloads the codebook, and the question must stay open).
  const { store, api, draft, setDraft, pending, setPending, error, setError, settle } = useItemForm<
    Draft,
    RelationTypeUsage
  >(() => toDraft(type), JSON.stringify(type));
  const types = codebook.relationTypes ?? [];
  const labels = codebook.spanLabels.map((l) => l.name);
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setDraft((d) => ({ ...d, [k]: v }));

  const save = async () => {
    const next = fromDraft(draft);
    if (!next.name) return setError('A relation type needs a name.');
    if (next.name !== type.name && types.some((t) => t.name === next.name))
      return setError(`A relation type named “${next.name}” exists: merge into it instead.`);
    const err = await withEdit(store, editFor, (version, edit) => {
      const unchanged = (before: RelationType) => JSON.stringify(fromDraft(toDraft(before))) === JSON.stringify(next);
      return saveNamed(api, RELATION_TYPES, { codebook, was: type.name, next, unchanged }, version, edit);
    });
    setError(err);
    if (!err) onDone(next.name);
  };

  const ask = async (kind: 'delete' | 'merge') => {
    // Counted after pending saves reach the disk, and outside editCodebook: its reload would close the question.
    await store.getState().flushSaves();
    let usage: RelationTypeUsage;
    try {
      usage = await api.relationTypeUsage(type.name);
    } catch (err) {
      return setError(errorText(err));
    }
    if (kind === 'delete' && usage.relations === 0) {
      const err = await withEdit(store, editFor, (v, edit) => api.deleteRelationType(type.name, v, edit));
      setError(err);
      if (!err) onDone(null);
      return;
    }
    setError(null);
    setPending({ kind, usage, into: types.find((t) => t.name !== type.name)?.name ?? '' });
  };

  const confirm = () => {
    if (pending?.kind === 'merge' && !pending.into) return setError('There is no other relation type to merge into.');
    return settle(editFor, onDone, (p, v, edit) =>
      p.kind === 'delete'
        ? api.deleteRelationType(type.name, v, edit)
        : api.mergeRelationTypes(type.name, p.into, v, edit),
    );
  };

  return (
    <div className="cb-form" data-testid="relation-type-form">
      <Field label="Name" value={draft.name} onChange={set('name')} />
      <div className="cb-row">
        <ColorField value={draft.color} onChange={set('color')} />
        <Field label="Hotkey (1–9)" field="Hotkey" value={draft.hotkey} onChange={set('hotkey')} />
        <label className="cb-field cb-check">
          <input
            type="checkbox"
            checked={draft.symmetric}
            data-testid="rt-symmetric"
            onChange={(e) => set('symmetric')(e.currentTarget.checked)}
          />{' '}
          <span>Symmetric (no direction)</span>
        </label>
      </div>
      <Field label="Description" value={draft.description} onChange={set('description')} area />
      <LabelChoice
        legend={draft.symmetric ? 'From (either end)' : 'From spans labelled'}
        labels={labels}
        chosen={draft.source}
        onChange={set('source')}
      />
      <LabelChoice
        legend={draft.symmetric ? 'To (the other end)' : 'To spans labelled'}
        labels={labels}
        chosen={draft.target}
        onChange={set('target')}
      />
      {error && <div className="strip error">{error}</div>}
      {pending ? (
        <UsageQuestion
          pending={pending}
          others={types.filter((t) => t.name !== type.name).map((t) => t.name)}
          testIds={{ strip: 'relation-type-usage', into: 'rt-merge-into', confirm: 'confirm-relation-type-op' }}
          onPending={setPending}
          onConfirm={() => void confirm()}
        >
          {pending.kind === 'delete' ? 'Deleting' : 'Merging'} “{type.name}”{' '}
          {pending.kind === 'delete' ? 'removes' : 'moves'} {pending.usage.relations} relation
          {pending.usage.relations === 1 ? '' : 's'} in {pending.usage.documents} document
          {pending.usage.documents === 1 ? '' : 's'}
          {pending.usage.annotators.length ? ` (${pending.usage.annotators.join(', ')})` : ''}.
        </UsageQuestion>
      ) : (
        <ItemActions
          id="relation-type"
          noun="relation type"
          canMerge={types.length > 1}
          onSave={() => void save()}
          onAsk={(kind) => void ask(kind)}
        />
      )}
    </div>
  );
}
