// Document-level labels side by side: one column per annotator and gold, one row per group; rows where the
// annotators differ are marked, and options not everyone chose are highlighted.
import { useState } from 'react';
import {
  type AnnotationRecord,
  DECISION_REASONS,
  type DecisionReason,
  type DocLabelGroup,
  type DocLabelValue,
} from '../../core/model';
import { LabelledSelect } from '../ui/Select';

const asList = (v: DocLabelValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function DocLabelCompare({
  groups,
  coders,
  gold,
  disabled = false,
  onDecide,
}: {
  groups: readonly DocLabelGroup[];
  coders: readonly AnnotationRecord[];
  gold: AnnotationRecord | null;
  disabled?: boolean;
  /** Puts a coder's value of a group into gold; `unanimous` when every coder gave that value. */
  onDecide?(group: string, value: DocLabelValue, sources: string[], reason: DecisionReason | ''): void;
}) {
  const [reason, setReason] = useState<DecisionReason | ''>('');
  const names = [...new Set([...groups.map((g) => g.name), ...coders.flatMap((r) => Object.keys(r.docLabels))])];
  if (names.length === 0) return null;
  const cols = gold ? [...coders, gold] : coders;
  return (
    <div className="adj-doclabels-wrap">
      {onDecide && (
        <LabelledSelect<DecisionReason | ''>
          inline
          className="small-text muted"
          label="Reason for document-label decisions"
          data-testid="adj-doclabel-reason"
          value={reason}
          disabled={disabled}
          onChange={setReason}
          choices={DECISION_REASONS.filter((r) => r !== 'unanimous')}
        >
          <option value="">— choose (not needed when all agree) —</option>
        </LabelledSelect>
      )}
      <table className="adj-table adj-doclabels" data-testid="adj-doclabels">
        <thead>
          <tr>
            <th>Document label</th>
            {cols.map((r) => (
              <th key={r.annotator}>{r.annotator}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const values = coders.map((r) => asList(r.docLabels[name]));
            const all = new Set(values.flat());
            const shared = [...all].filter((o) => values.every((v) => v.includes(o)));
            const differs = coders.length > 1 && shared.length !== all.size;
            return (
              <tr key={name} className={differs ? 'adj-dl-differs' : undefined} data-testid="adj-doclabel-row">
                <th scope="row">
                  {name}
                  {differs && <span className="adj-diffmark adj-dk-label">differs</span>}
                </th>
                {cols.map((r) => {
                  const v = asList(r.docLabels[name]);
                  const value = r.docLabels[name];
                  const inGold =
                    gold && JSON.stringify(asList(gold.docLabels[name]).sort()) === JSON.stringify([...v].sort());
                  const sources = coders.filter(
                    (c) => JSON.stringify(asList(c.docLabels[name]).sort()) === JSON.stringify([...v].sort()),
                  );
                  return (
                    <td key={r.annotator}>
                      {v.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        v.map((o) => (
                          <span key={o} className={`adj-opt${shared.includes(o) ? '' : ' adj-opt-odd'}`}>
                            {o}
                          </span>
                        ))
                      )}
                      {onDecide && r.annotator !== gold?.annotator && value !== undefined && !inGold && (
                        <button
                          type="button"
                          className="link small-text"
                          data-testid="adj-doclabel-use"
                          disabled={disabled}
                          title={`Put ${r.annotator}'s ${name} into gold`}
                          onClick={() =>
                            onDecide(
                              name,
                              value,
                              sources.map((c) => c.annotator),
                              sources.length === coders.length ? 'unanimous' : reason,
                            )
                          }
                        >
                          → gold
                        </button>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
