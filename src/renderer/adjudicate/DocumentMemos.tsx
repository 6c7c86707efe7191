// Every annotator's memos on the document under adjudication (on the whole text or on a passage), so the
// reasons coders wrote down are in view when their disagreements are settled.
import { useEffect, useState } from 'react';
import type { Memo } from '../../core/model';
import { useApi } from '../state/context';
import { errorLine } from '../ui/errors';

export function DocumentMemos({ id, text }: { id: string; text: string }) {
  const api = useApi();
  const [memos, setMemos] = useState<Memo[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    api.listMemos().then(
      (all) =>
        live &&
        setMemos(
          all.filter((m) => (m.target.kind === 'document' || m.target.kind === 'range') && m.target.document === id),
        ),
      (err) => live && setError(errorLine(err)),
    );
    return () => {
      live = false;
    };
  }, [api, id]);
  if (error) return <p className="field-problem">{error}</p>;
  if (!memos.length) return null;
  const cps = [...text];
  return (
    <details className="adj-memos" data-testid="adj-memos" open>
      <summary>Memos on this document ({memos.length})</summary>
      <ul>
        {memos.map((m) => (
          <li key={`${m.annotator}:${m.id}`} data-testid="adj-memo">
            <strong>{m.annotator}</strong>
            {m.target.kind === 'range' && (
              <q dir="auto" className="muted">
                {cps.slice(m.target.start, m.target.end).join('')}
              </q>
            )}{' '}
            {m.title && <em>{m.title}: </em>}
            <span dir="auto">{m.text}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
