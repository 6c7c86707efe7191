// Memos beside the text: the annotator's notes on the open document, on the project, or on a label, saved
// as they type, deleted with a second click. A span's memo is its note (the span editor). Each save names the version it was made on, so
// a memo changed elsewhere meanwhile (another window, an import) is never overwritten.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Memo, MemoTarget } from '../../core/model';
import { useApi, useApp } from '../state/context';
import { errorLine } from '../ui/errors';

const AUTOSAVE_MS = 700;

type TargetChoice = 'document' | 'project' | `label:${string}`;

function targetOf(choice: TargetChoice, document: string | undefined): MemoTarget | null {
  if (choice === 'project') return { kind: 'project' };
  if (choice === 'document') return document ? { kind: 'document', document } : null;
  return { kind: 'label', label: choice.slice('label:'.length) };
}

function sameTarget(a: MemoTarget, b: MemoTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** One memo's text, saved a moment after the last keystroke and when the field loses focus or goes away. */
function MemoEditor({
  memo,
  onSaved,
  onDeleted,
}: {
  memo: Memo;
  onSaved(memo: Memo): void;
  onDeleted(id: string): void;
}) {
  const api = useApi();
  const [text, setText] = useState(memo.text);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const base = useRef<string | null>(memo.updatedAt ?? null);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef<Promise<void>>(Promise.resolve());

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (next === null) return;
    pending.current = null;
    saving.current = saving.current.then(async () => {
      setState({ kind: 'saving' });
      try {
        const stored = await api.saveMemo({ memo: { ...memo, text: next }, baseUpdatedAt: base.current });
        base.current = stored.updatedAt ?? null;
        setState({ kind: 'saved' });
        onSaved(stored);
      } catch (err) {
        setState({ kind: 'error', message: errorLine(err) });
      }
    });
  }, [api, memo, onSaved]);

  useEffect(() => () => flush(), [flush]);

  // A memo with text asks once more before it goes. Deleting names the version last saved, so a memo
  // changed elsewhere meanwhile is not deleted.
  const remove = () => {
    if (text.trim() !== '' && !confirming) {
      setConfirming(true);
      return;
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    saving.current = saving.current.then(async () => {
      try {
        if (base.current !== null)
          await api.deleteMemo({ annotator: memo.annotator, id: memo.id, baseUpdatedAt: base.current });
        onDeleted(memo.id);
      } catch (err) {
        setConfirming(false);
        setState({ kind: 'error', message: errorLine(err) });
      }
    });
  };

  return (
    <div className="memo" data-testid="memo" data-memo={memo.id}>
      <textarea
        data-testid="memo-text"
        aria-label="Memo"
        dir="auto"
        rows={4}
        value={text}
        placeholder="Write a memo…"
        onChange={(e) => {
          setText(e.target.value);
          pending.current = e.target.value;
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(flush, AUTOSAVE_MS);
        }}
        onBlur={flush}
      />
      <div className="memo-foot">
        <div className="memo-state muted small-text" data-testid="memo-state" role="status">
          {state.kind === 'saving' && 'saving…'}
          {state.kind === 'saved' && 'saved'}
          {state.kind === 'error' && <span className="field-problem">{state.message}</span>}
        </div>
        <button
          type="button"
          className={confirming ? 'small danger' : 'small'}
          data-testid="memo-delete"
          onClick={remove}
          onBlur={() => setConfirming(false)}
        >
          {confirming ? 'Delete this memo?' : 'Delete'}
        </button>
      </div>
    </div>
  );
}

export function MemoPanel() {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const document = useApp((s) => s.doc?.id);
  const labels = useApp((s) => s.project?.codebook.spanLabels);
  const [choice, setChoice] = useState<TargetChoice>('document');
  const [memos, setMemos] = useState<Memo[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    setMemos([]);
    if (!annotator) return;
    let live = true;
    api.listMemos(annotator).then(
      // A memo added or saved while the list was read is newer than the list's copy, and stays.
      (list) => live && setMemos((local) => [...list.filter((m) => !local.some((l) => l.id === m.id)), ...local]),
      (err) => live && setError(errorLine(err)),
    );
    return () => {
      live = false;
    };
  }, [api, annotator]);

  const onSaved = useCallback(
    (stored: Memo) => setMemos((list) => list.map((m) => (m.id === stored.id ? stored : m))),
    [],
  );
  const onDeleted = useCallback((id: string) => setMemos((list) => list.filter((m) => m.id !== id)), []);

  if (!annotator) return null;
  const target = targetOf(choice, document);
  const shown = target ? memos.filter((m) => sameTarget(m.target, target)) : [];
  const ranges = document ? memos.filter((m) => m.target.kind === 'range' && m.target.document === document) : [];
  const add = () => {
    if (!target) return;
    const memo: Memo = { id: crypto.randomUUID(), annotator, target, text: '', createdAt: new Date().toISOString() };
    setMemos((list) => [...list, memo]);
  };
  return (
    <section className="panel-section memo-panel" data-testid="memo-panel" aria-label="Memos">
      <h2>Memos</h2>
      <label className="field">
        <span>About</span>
        <select data-testid="memo-target" value={choice} onChange={(e) => setChoice(e.target.value as TargetChoice)}>
          <option value="document" disabled={!document}>
            this document
          </option>
          <option value="project">the project</option>
          {labels?.map((l) => (
            <option key={l.name} value={`label:${l.name}`}>
              label: {l.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="field-problem">{error}</p>}
      {shown.map((m) => (
        <MemoEditor key={`${m.id}:${choice}`} memo={m} onSaved={onSaved} onDeleted={onDeleted} />
      ))}
      {target && (
        <button type="button" className="small" data-testid="memo-add" onClick={add}>
          {shown.length ? 'Another memo' : 'New memo'}
        </button>
      )}
      {choice === 'document' && ranges.length > 0 && (
        <details className="memo-ranges">
          <summary>{ranges.length} memo(s) on passages of this document</summary>
          {ranges.map((m) => (
            <p key={m.id} dir="auto" className="small-text">
              {m.title && <strong>{m.title}: </strong>}
              {m.text}
            </p>
          ))}
        </details>
      )}
    </section>
  );
}
