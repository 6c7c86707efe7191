// One document with two annotators' spans shown together: the first annotator's labels as a line above the
// text, the second's below, each span's label named where it starts (raised for the first annotator,
// lowered for the second), stretches where they differ shaded, the chosen disagreement outlined.
// The text is rendered as React text nodes only (never as HTML).
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentView } from '../../core/api';
import type { Span } from '../../core/model';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { compareSegments } from './compareSegments';

interface CompareProps {
  document: string;
  a: string;
  b: string;
  spansA: Span[];
  spansB: Span[];
  focus: { start: number; end: number } | null;
  colors: Record<string, string>;
}

export function CompareView({ document: id, a, b, spansA, spansB, focus, colors }: CompareProps) {
  const api = useApi();
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focusRef = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    api.getDocument(id).then(
      (d) => live && setDoc(d),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, id]);
  const chars = useMemo(() => (doc ? Array.from(doc.text) : []), [doc]);
  const segments = useMemo(() => compareSegments(chars.length, spansA, spansB), [chars, spansA, spansB]);
  const starts = useMemo(() => {
    const at = (spans: Span[]) => {
      const m = new Map<number, string[]>();
      for (const s of spans) m.set(s.start, [...(m.get(s.start) ?? []), s.label]);
      return m;
    };
    return { a: at(spansA), b: at(spansB) };
  }, [spansA, spansB]);
  const focusKey = focus ? `${focus.start}:${focus.end}` : '';
  useEffect(() => {
    if (doc && focusKey && focusRef.current) focusRef.current.scrollIntoView?.({ block: 'center' });
  }, [doc, focusKey]);

  if (error)
    return (
      <FieldError>
        Could not open {id}: {error}
      </FieldError>
    );
  if (!doc) return <p className="muted">Opening {id}…</p>;
  let focusPlaced = false;
  const color = (labels: string[]) => (labels.length ? (colors[labels[0]] ?? '#888') : 'transparent');
  return (
    <div className="ag-compare" data-testid="ag-compare">
      <div className="ag-legend">
        <strong>{doc.meta.title ?? id}</strong>
        <span className="ag-key ag-key-a">{a}: line and label above</span>
        <span className="ag-key ag-key-b">{b}: line and label below</span>
        <span className="ag-key ag-key-diff">shaded: they differ</span>
      </div>
      <div className="ag-compare-text" dir="auto">
        {segments.map((s) => {
          const inFocus = focus !== null && s.start < focus.end && s.end > focus.start;
          const ref = inFocus && !focusPlaced ? focusRef : undefined;
          if (inFocus) focusPlaced = true;
          const cls = ['ag-seg', s.differs ? 'ag-diff' : '', inFocus ? 'ag-focus' : ''].filter(Boolean).join(' ');
          const title = `${a}: ${s.a.join(', ') || '—'} · ${b}: ${s.b.join(', ') || '—'}`;
          const tags = (side: 'a' | 'b', Tag: 'sup' | 'sub') =>
            (starts[side].get(s.start) ?? []).map((label) => (
              <Tag
                key={`${side}:${label}`}
                className={`ag-tag ag-tag-${side}`}
                data-testid={`ag-tag-${side}`}
                style={{ borderColor: colors[label] ?? '#888' }}
              >
                {label}
              </Tag>
            ));
          return (
            <Fragment key={s.start}>
              {tags('a', 'sup')}
              {tags('b', 'sub')}
              <span
                ref={ref}
                className={cls}
                data-testid="ag-seg"
                data-a={s.a.join('|')}
                data-b={s.b.join('|')}
                title={s.a.length || s.b.length ? title : undefined}
                style={{ boxShadow: `inset 0 3px 0 ${color(s.a)}, inset 0 -3px 0 ${color(s.b)}` }}
              >
                {chars.slice(s.start, s.end).join('')}
              </span>
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}
