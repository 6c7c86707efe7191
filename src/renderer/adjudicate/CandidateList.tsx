// Every candidate span of the document in text order: label, text, who marked it, how the others differ,
// and what gold decided. j/k move, a accepts, x rejects (with the reason chosen in the panel).
import { memo, useEffect, useRef } from 'react';
import type { Candidate, CandidateDiff } from './candidates';
import { DecisionBadge, statusOf } from './DecisionBadge';
import { scrollWithin } from './scrollWithin';

export type CandidateFilter = 'all' | 'undecided' | 'differences';

interface CandidateListProps {
  candidates: readonly Candidate[];
  chars: readonly string[];
  colors: Record<string, string>;
  selected: string | null;
  filter: CandidateFilter;
  onSelect(key: string): void;
  onShortcut(action: 'accept' | 'reject'): void;
}

/** A difference in a few words ("bob: label Security"). */
export function describeDiff(d: CandidateDiff): string {
  if (d.kind === 'missing') return `missing in ${d.annotator}`;
  if (d.kind === 'label') return `${d.annotator}: label ${d.other?.label ?? '?'}`;
  return `${d.annotator}: boundaries ${d.other?.start}–${d.other?.end}`;
}

export function shown(c: Candidate, filter: CandidateFilter): boolean {
  if (filter === 'undecided') return statusOf(c) === 'undecided';
  if (filter === 'differences') return c.diffs.length > 0;
  return true;
}

/** A long span is cut in the middle so the row stays one line. */
export function spanExcerpt(chars: readonly string[], start: number, end: number, max = 70): string {
  const text = chars.slice(start, end).join('').replace(/\s+/g, ' ');
  const list = Array.from(text);
  return list.length <= max ? text : `${list.slice(0, max / 2 - 1).join('')} … ${list.slice(-max / 2 + 1).join('')}`;
}

export const CandidateList = memo(function CandidateList(props: CandidateListProps) {
  const { candidates, chars, colors, selected, filter, onSelect, onShortcut } = props;
  const visible = candidates.filter((c) => shown(c, filter) || c.key === selected);
  const selRef = useRef<HTMLDivElement | null>(null);
  const boxRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (selected) scrollWithin(boxRef.current, selRef.current);
  }, [selected]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const at = visible.findIndex((c) => c.key === selected);
    if (e.key === 'j' || e.key === 'ArrowDown') {
      const next = visible[Math.min(at + 1, visible.length - 1)];
      if (next) onSelect(next.key);
    } else if (e.key === 'k' || e.key === 'ArrowUp') {
      const prev = visible[Math.max(at - 1, 0)];
      if (prev) onSelect(prev.key);
    } else if (e.key === 'a') onShortcut('accept');
    else if (e.key === 'x') onShortcut('reject');
    else return;
    e.preventDefault();
  };
  return (
    <div
      ref={boxRef}
      className="adj-cands"
      data-testid="adj-cands"
      role="listbox"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Candidate spans"
    >
      {visible.length === 0 && <p className="muted adj-cand-empty">Nothing to show with this filter.</p>}
      {visible.map((c) => {
        const status = statusOf(c);
        return (
          <div
            key={c.key}
            ref={c.key === selected ? selRef : undefined}
            role="option"
            tabIndex={-1}
            aria-selected={c.key === selected}
            className={`adj-cand${c.key === selected ? ' sel' : ''} adj-st-${status.replace(' ', '-')}`}
            data-testid="adj-cand"
            data-key={c.key}
            data-status={status}
            data-diffs={c.diffs.map((d) => d.kind).join(' ')}
            onClick={() => onSelect(c.key)}
          >
            <span className="adj-chip" style={{ borderColor: colors[c.span.label] ?? '#888' }}>
              {c.span.label}
            </span>
            <span className="adj-cand-text">{spanExcerpt(chars, c.span.start, c.span.end)}</span>
            <span className="adj-cand-meta">
              <span className="adj-src">{c.goldOnly ? 'gold only' : c.sources.join(', ')}</span>
              {c.diffs.length === 0 && !c.goldOnly && <span className="adj-diffmark adj-agree">all agree</span>}
              {c.diffs.map((d) => (
                <span key={d.annotator} className={`adj-diffmark adj-dk-${d.kind}`} data-testid="adj-diffmark">
                  {describeDiff(d)}
                </span>
              ))}
              <DecisionBadge candidate={c} />
            </span>
          </div>
        );
      })}
    </div>
  );
});
