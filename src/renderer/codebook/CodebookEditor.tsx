// The codebook editor: every field of a span label, renames that follow into every annotation, deletes
// and merges that say first how many spans they affect, relation types, document-level groups, and templates. Each change
// asks why (kept in the codebook changelog for the reliability report), and while a reliability round is
// open, whether to end it or start a new round under the edited codebook.
import { useEffect, useState } from 'react';
import type { LabelUsage } from '../../core/api';
import { newRelationTypeColor, PALETTE } from '../../core/codebook';
import type { Codebook, DocLabelGroup, SpanLabel } from '../../core/model';
import { fromTemplate, TEMPLATES } from '../../core/templates';
import { useApi, useApp, useAppStore } from '../state/context';
import { OverlayPanel } from '../ui/OverlayPanel';
import { Select } from '../ui/Select';
import { type EditFor, LABELS, saveNamed, withEdit } from './editFor';
import { ColorField, Field, ItemActions, type ItemFormProps, UsageQuestion, useItemForm } from './formParts';
import { shortNames } from './labelLook';
import { QdcExchange } from './QdcExchange';
import { RelationTypeForm } from './RelationTypeForm';

/** As the codebook schema allows. */
const SHORT_SET_MAX = 24;

/** A span label as the form edits it (examples one per line). */
interface Draft {
  name: string;
  short: string;
  color: string;
  hotkey: string;
  group: string;
  description: string;
  include: string;
  exclude: string;
  examples: string;
}

const toDraft = (l: SpanLabel): Draft => ({
  name: l.name,
  short: l.short ?? '',
  color: l.color,
  hotkey: l.hotkey ?? '',
  group: l.group ?? '',
  description: l.description ?? '',
  include: l.include ?? '',
  exclude: l.exclude ?? '',
  examples: (l.examples ?? []).join('\n'),
});

/** Empty optional fields are left out. */
function fromDraft(d: Draft): SpanLabel {
  const examples = d.examples
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
  return {
    name: d.name.trim(),
    ...(d.short.trim() ? { short: d.short.trim() } : {}),
    color: d.color,
    ...(d.hotkey.trim() ? { hotkey: d.hotkey.trim() } : {}),
    ...(d.group.trim() ? { group: d.group.trim() } : {}),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    ...(d.include.trim() ? { include: d.include.trim() } : {}),
    ...(d.exclude.trim() ? { exclude: d.exclude.trim() } : {}),
    ...(examples.length ? { examples } : {}),
  };
}

/** Save (a rename follows into every annotation), or delete or merge after seeing how many spans change. */
function LabelForm({ label, codebook, onDone, editFor }: { label: SpanLabel } & ItemFormProps) {
  const { store, api, draft, setDraft, pending, setPending, error, setError, settle, busy, run } = useItemForm<
    Draft,
    LabelUsage
  >(() => toDraft(label), label);
  const set = (k: keyof Draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  // What the chips would say without a short name of the analyst's: derived among the other labels.
  const derived =
    shortNames([
      ...codebook.spanLabels.filter((l) => l.name !== label.name),
      { name: draft.name.trim() || label.name },
    ]).get(draft.name.trim() || label.name) ?? label.name;

  const save = async () => {
    const next = fromDraft(draft);
    if (!next.name) return setError('A label needs a name.');
    if (next.short && [...next.short].length > SHORT_SET_MAX)
      return setError(`A short name has at most ${SHORT_SET_MAX} characters.`);
    const err = await withEdit(store, editFor, (version, edit) =>
      saveNamed(api, LABELS, { codebook, was: label.name, next }, version, edit),
    );
    setError(err);
    if (!err) onDone(next.name);
  };
  const ask = async (kind: 'delete' | 'merge') => {
    const s = store.getState();
    await s.flushSaves();
    const err = await s.editCodebook(async () => {
      const usage = await api.labelUsage(label.name);
      const into = codebook.spanLabels.find((l) => l.name !== label.name)?.name ?? '';
      setPending({ kind, usage, into });
    });
    setError(err);
  };
  const confirm = () =>
    settle(editFor, onDone, (p, v, edit) =>
      p.kind === 'delete' ? api.deleteLabel(label.name, v, edit) : api.mergeLabels(label.name, p.into, v, edit),
    );

  return (
    <div className="cb-form" data-testid="label-form">
      <Field label="Name" value={draft.name} onChange={set('name')} />
      <Field
        label={`Short name on chips (up to ${SHORT_SET_MAX} characters)`}
        value={draft.short}
        onChange={set('short')}
        placeholder={`${derived} (derived)`}
      />
      <div className="cb-row">
        <ColorField value={draft.color} onChange={set('color')} />
        <Field label="Hotkey (1–9)" value={draft.hotkey} onChange={set('hotkey')} />
        <Field label="Group" value={draft.group} onChange={set('group')} />
      </div>
      <Field label="Description" value={draft.description} onChange={set('description')} area />
      <Field label="Include" value={draft.include} onChange={set('include')} area />
      <Field label="Exclude" value={draft.exclude} onChange={set('exclude')} area />
      <Field label="Examples (one per line)" value={draft.examples} onChange={set('examples')} area />
      {error && <div className="strip error">{error}</div>}
      {pending ? (
        <UsageQuestion
          pending={pending}
          others={codebook.spanLabels.filter((l) => l.name !== label.name).map((l) => l.name)}
          testIds={{ strip: 'label-usage', into: 'merge-into', confirm: 'confirm-label-op' }}
          onPending={setPending}
          onConfirm={() => void confirm()}
        >
          {pending.kind === 'delete' ? 'Deleting' : 'Merging'} “{label.name}” affects {pending.usage.spans} span(s) in{' '}
          {pending.usage.documents} document(s)
          {pending.usage.annotators.length ? ` (${pending.usage.annotators.join(', ')})` : ''}.
        </UsageQuestion>
      ) : (
        <ItemActions
          id="label"
          noun="label"
          canMerge
          busy={busy}
          onSave={() => void run(save)}
          onAsk={(kind) => void run(() => ask(kind))}
        />
      )}
    </div>
  );
}

function GroupForm({ group, codebook, editFor }: { group: DocLabelGroup; codebook: Codebook; editFor: EditFor }) {
  const store = useAppStore();
  const api = useApi();
  const [options, setOptions] = useState(group.options.join('\n'));
  const [description, setDescription] = useState(group.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const next: DocLabelGroup = {
      ...group,
      options: [
        ...new Set(
          options
            .split('\n')
            .map((o) => o.trim())
            .filter(Boolean),
        ),
      ],
      ...(description.trim() ? { description: description.trim() } : {}),
    };
    setError(
      await withEdit(store, editFor, (v, edit) =>
        api.saveCodebook(
          { ...codebook, docLabels: codebook.docLabels.map((g) => (g.name === group.name ? next : g)) },
          v,
          edit,
        ),
      ),
    );
  };
  return (
    <div className="cb-form">
      <Field label="Options (one per line)" value={options} onChange={setOptions} area />
      <Field label="Description" value={description} onChange={setDescription} area />
      {error && <div className="strip error">{error}</div>}
      <button type="button" onClick={() => void save()}>
        Save group
      </button>
    </div>
  );
}

/** Every change is a new codebook version, written by the backend. */
export function CodebookEditor() {
  const store = useAppStore();
  const api = useApi();
  const open = useApp((s) => s.overlay?.kind === 'codebook');
  const codebook = useApp((s) => s.project?.codebook);
  const annotator = useApp((s) => s.annotator);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [why, setWhy] = useState('');
  const [roundChoice, setRoundChoice] = useState<'end' | 'restart'>('end');
  const [rounds, setRounds] = useState<{ open: string[]; any: boolean } | null>(null);
  const version = codebook?.version;
  useEffect(() => {
    if (!open) return;
    void version;
    let live = true;
    api.study().then(
      (s) =>
        live &&
        setRounds({ open: s.rounds.filter((r) => r.state === 'open').map((r) => r.name), any: s.rounds.length > 0 }),
      () => live && setRounds(null),
    );
    return () => {
      live = false;
    };
  }, [api, open, version]);
  if (!open || !codebook) return null;
  const editFor: EditFor = () => {
    const reason = why.trim();
    if (!reason && !rounds?.any) return undefined;
    if (!reason) return { problem: 'Say why the codebook changes: the reliability report records it.' };
    if (!annotator) return { problem: 'Enter your name first: the changelog records who changed the codebook.' };
    return { why: reason, by: annotator, ...(rounds?.open.length ? { rounds: roundChoice } : {}) };
  };
  const label = codebook.spanLabels.find((l) => l.name === chosen);
  const group = codebook.docLabels.find((g) => `doc:${g.name}` === chosen);
  const relationType = (codebook.relationTypes ?? []).find((t) => `rel:${t.name}` === chosen);
  const addRelationType = async () => {
    let name = 'new relation';
    for (let i = 2; (codebook.relationTypes ?? []).some((t) => t.name === name); i++) name = `new relation ${i}`;
    const next: Codebook = {
      ...codebook,
      relationTypes: [...(codebook.relationTypes ?? []), { name, color: newRelationTypeColor(codebook) }],
    };
    const err = await withEdit(store, editFor, (v, edit) => api.saveCodebook(next, v, edit));
    setError(err);
    if (!err) setChosen(`rel:${name}`);
  };
  const add = async (level: 'span' | 'document') => {
    const base = level === 'span' ? 'New label' : 'New group';
    let name = base;
    for (
      let i = 2;
      codebook.spanLabels.some((l) => l.name === name) || codebook.docLabels.some((g) => g.name === name);
      i++
    )
      name = `${base} ${i}`;
    const next: Codebook =
      level === 'span'
        ? {
            ...codebook,
            spanLabels: [...codebook.spanLabels, { name, color: PALETTE[codebook.spanLabels.length % PALETTE.length] }],
          }
        : { ...codebook, docLabels: [...codebook.docLabels, { name, kind: 'single', options: ['yes', 'no'] }] };
    const err = await withEdit(store, editFor, (v, edit) => api.saveCodebook(next, v, edit));
    setError(err);
    if (!err) setChosen(level === 'span' ? name : `doc:${name}`);
  };
  const applyTemplate = async (id: string) => {
    const t = TEMPLATES.find((x) => x.id === id);
    if (!t) return;
    setError(await withEdit(store, editFor, async (v, edit) => api.saveCodebook(await fromTemplate(t, v), v, edit)));
  };
  const them = rounds?.open.length === 1 ? 'it' : 'them';
  return (
    <OverlayPanel
      className="popup-wide codebook-editor"
      testId="codebook-editor"
      label="Edit the codebook"
      title={`Codebook · version ${codebook.version}`}
      onClose={() => store.getState().setOverlay(null)}
    >
      <div className="cb-why" data-testid="cb-why-box">
        <label className="cb-field">
          <span>
            Why change the codebook? {rounds?.any ? '(required: ' : '('}kept with who and when in the codebook
            changelog, for the reliability report)
          </span>
          <input
            value={why}
            data-testid="cb-why"
            placeholder="e.g. coders mixed up threats and warnings"
            onChange={(e) => setWhy(e.target.value)}
          />
        </label>
        {rounds && rounds.open.length > 0 && (
          <fieldset className="cb-rounds" data-testid="cb-rounds">
            <legend>
              {rounds.open.length === 1 ? 'Round' : 'Rounds'} {rounds.open.map((r) => `“${r}”`).join(', ')}{' '}
              {rounds.open.length === 1 ? 'is' : 'are'} open with version {codebook.version} frozen. A change:
            </legend>
            {(
              [
                ['end', `ends ${them} first (figures on the coding so far)`],
                ['restart', `ends ${them} and starts a new round on the same documents under the new version`],
              ] as const
            ).map(([choice, text]) => (
              <label key={choice}>
                <input
                  type="radio"
                  checked={roundChoice === choice}
                  data-testid={`cb-rounds-${choice}`}
                  onChange={() => setRoundChoice(choice)}
                />{' '}
                {text}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      <div className="cb-body">
        <ul className="cb-list">
          {codebook.spanLabels.map((l) => (
            <li key={l.name}>
              <button
                type="button"
                className={l.name === chosen ? 'popup-item active' : 'popup-item'}
                data-testid="cb-label"
                title={l.description}
                onClick={() => setChosen(l.name)}
              >
                <span className="swatch" style={{ backgroundColor: l.color }} />
                <span className="label-name">{l.name}</span>
              </button>
            </li>
          ))}
          {codebook.docLabels.map((g) => (
            <li key={`doc:${g.name}`}>
              <button
                type="button"
                className={`doc:${g.name}` === chosen ? 'popup-item active' : 'popup-item'}
                title={g.description}
                onClick={() => setChosen(`doc:${g.name}`)}
              >
                <span className="label-name">
                  {g.name}
                  <span className="label-group">document · {g.kind}</span>
                </span>
              </button>
            </li>
          ))}
          {(codebook.relationTypes ?? []).map((t) => (
            <li key={`rel:${t.name}`}>
              <button
                type="button"
                className={`rel:${t.name}` === chosen ? 'popup-item active' : 'popup-item'}
                data-testid="cb-relation-type"
                title={t.description}
                onClick={() => setChosen(`rel:${t.name}`)}
              >
                <span className="swatch" style={{ backgroundColor: t.color }} />
                <span className="label-name">
                  {t.name}
                  <span className="label-group">relation{t.symmetric ? ' · symmetric' : ''}</span>
                </span>
              </button>
            </li>
          ))}
          <li className="cb-actions">
            <button type="button" className="small" data-testid="add-span-label" onClick={() => void add('span')}>
              + span label
            </button>
            <button type="button" className="small" onClick={() => void add('document')}>
              + document group
            </button>
            <button
              type="button"
              className="small"
              data-testid="add-relation-type"
              onClick={() => void addRelationType()}
            >
              + relation type
            </button>
          </li>
          <li>
            <Select
              aria-label="Replace the codebook with a template"
              data-testid="cb-template"
              value=""
              onChange={(id) => void applyTemplate(id)}
              choices={TEMPLATES.map((t) => ({ value: t.id, text: t.name, title: t.description }))}
            >
              <option value="">Use a template…</option>
            </Select>
          </li>
          <li>
            <QdcExchange />
          </li>
        </ul>
        <div className="cb-detail">
          {error && <div className="strip error">{error}</div>}
          {label && <LabelForm label={label} codebook={codebook} onDone={setChosen} editFor={editFor} />}
          {group && <GroupForm key={group.name} group={group} codebook={codebook} editFor={editFor} />}
          {relationType && (
            <RelationTypeForm
              type={relationType}
              codebook={codebook}
              onDone={(name) => setChosen(name === null ? null : `rel:${name}`)}
              editFor={editFor}
            />
          )}
          {!label && !group && !relationType && (
            <p className="muted">Choose a label, relation type or group to edit it.</p>
          )}
        </div>
      </div>
    </OverlayPanel>
  );
}
