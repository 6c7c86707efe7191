// Unites overlapping candidates into one gold span (their union) under one label.
import { useState } from 'react';
import { LabelledSelect } from '../ui/Select';
import { spanExcerpt } from './CandidateList';
import type { Candidate } from './candidates';

/** The first of `options` is the chosen candidate. */
interface MergeFormProps {
  options: readonly Candidate[];
  chars: readonly string[];
  labels: readonly string[];
  disabled: boolean;
  onMerge(chosen: Candidate[], label: string): void;
}

export function MergeForm({ options, chars, labels, disabled, onMerge }: MergeFormProps) {
  const [picked, setPicked] = useState<Set<string>>(() => new Set(options.map((c) => c.key)));
  const [label, setLabel] = useState(options[0].span.label);
  const chosen = options.filter((c) => picked.has(c.key));
  const start = Math.min(...chosen.map((c) => c.span.start));
  const end = Math.max(...chosen.map((c) => c.span.end));
  if (options.length < 2) return <p className="muted adj-form">No other candidate overlaps this one.</p>;
  return (
    <div className="adj-form" data-testid="adj-merge-form">
      <ul className="adj-merge-list">
        {options.map((c) => (
          <li key={c.key}>
            <label>
              <input
                type="checkbox"
                checked={picked.has(c.key)}
                data-testid="adj-merge-pick"
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setPicked((p) => {
                    const n = new Set(p);
                    if (on) n.add(c.key);
                    else n.delete(c.key);
                    return n;
                  });
                }}
              />{' '}
              {c.span.label} {c.span.start}–{c.span.end} ({c.goldOnly ? 'gold' : c.sources.join(', ')})
            </label>
          </li>
        ))}
      </ul>
      <LabelledSelect
        inline
        label="label"
        value={label}
        data-testid="adj-merge-label"
        onChange={setLabel}
        choices={[...new Set([...labels, ...options.map((c) => c.span.label)])]}
      />
      {chosen.length >= 2 && (
        <p className="adj-preview">
          {start}–{end}: “{spanExcerpt(chars, start, end, 160)}”
        </p>
      )}
      <button
        type="button"
        className="primary"
        data-testid="adj-merge-save"
        disabled={disabled || chosen.length < 2}
        onClick={() => onMerge(chosen, label)}
      >
        Merge {chosen.length} into gold
      </button>
    </div>
  );
}
