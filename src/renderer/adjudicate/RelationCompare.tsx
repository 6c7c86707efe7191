// The document's relations compared: one row per distinct relation any coder drew, a column per coder and
// gold saying who has it, and the chosen row settled into gold (accept, reject, or another type or
// direction) with the same who/why as spans. A relation goes to gold only once both its spans are there.
import { useEffect, useState } from 'react';
import type { RelationDecision, RelationType } from '../../core/model';
import { Select } from '../ui/Select';
import { spanExcerpt } from './CandidateList';
import type { PlainSpan } from './candidates';
import { DecisionForm } from './DecisionForm';
import { type RelationCandidate, relationDecision } from './relationCandidates';
import { useWhy } from './useWhy';

const VERB = { accept: 'accepted', reject: 'rejected', edit: 'edited' } as const;

export function relationStatus(c: RelationCandidate): string {
  if (c.decision) return c.goldOnly && c.decision.action !== 'reject' ? 'in gold' : VERB[c.decision.action];
  return c.inGold ? 'in gold' : 'undecided';
}

interface RelationCompareProps {
  candidates: readonly RelationCandidate[];
  coders: readonly string[];
  chars: readonly string[];
  colors: Record<string, string>;
  types: readonly RelationType[];
  by: string;
  busy: boolean;
  /** Shows a relation end in the text (selects its span candidate). */
  onJump(span: PlainSpan): void;
  onDecide(decision: Omit<RelationDecision, 'at'>): void;
}

function End({ s, chars, colors }: { s: PlainSpan; chars: readonly string[]; colors: Record<string, string> }) {
  return (
    <>
      <span className="adj-chip" style={{ borderColor: colors[s.label] ?? '#888' }}>
        {s.label}
      </span>{' '}
      <bdi>“{spanExcerpt(chars, s.start, s.end, 40)}”</bdi>
    </>
  );
}

export function RelationCompare(props: RelationCompareProps) {
  const { candidates, coders, chars, colors, types, by, busy } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const why = useWhy(by);
  const [retype, setRetype] = useState('');
  const current = candidates.find((c) => c.key === selected) ?? null;
  useEffect(() => {
    if (selected === null) return;
    why.clear();
    setRetype('');
  }, [selected, why.clear]);
  if (!candidates.length) return null;
  const ctx = why.context;
  // A reason belongs to one decision: the next asks afresh, as for spans.
  const decide = (d: Omit<RelationDecision, 'at'>) => {
    props.onDecide(d);
    why.clear();
    setRetype('');
  };
  const blocked = busy || ctx === null;
  const needsGold = current !== null && !current.endsInGold;
  return (
    <section className="adj-relations" data-testid="adj-relations">
      <h3>Relations</h3>
      <table className="adj-rel-table">
        <thead>
          <tr>
            <th scope="col">Relation</th>
            {coders.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            <th scope="col">gold</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr
              key={c.key}
              className={c.key === selected ? 'sel' : undefined}
              data-testid="adj-rel-row"
              data-status={relationStatus(c)}
              aria-selected={c.key === selected}
              onClick={() => {
                setSelected(c.key);
                props.onJump(c.from);
              }}
            >
              <td>
                <End s={c.from} chars={chars} colors={colors} /> <b className="adj-rel-type">—{c.type}→</b>{' '}
                <End s={c.to} chars={chars} colors={colors} />
              </td>
              {coders.map((name) => (
                <td key={name} data-testid="adj-rel-has" className="adj-rel-has">
                  {c.sources.includes(name) ? '●' : '–'}
                </td>
              ))}
              <td className="adj-rel-has" data-testid="adj-rel-gold">
                {c.inGold ? '●' : '–'}
              </td>
              <td className="small-text">
                {relationStatus(c)}
                {c.decision && (
                  <span className="muted">
                    {' '}
                    · {c.decision.by} · {c.decision.reason}
                    {c.decision.note ? ` · “${c.decision.note}”` : ''}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {current && (
        <div className="adj-panel-decide" data-testid="adj-rel-decide">
          <p className="small-text">
            {current.goldOnly ? 'In gold only (an edit).' : `Drawn by ${current.sources.join(', ')}.`}{' '}
            <button
              type="button"
              className="link"
              data-testid="adj-rel-jump-to"
              onClick={() => props.onJump(current.to)}
            >
              show the target
            </button>
          </p>
          {needsGold && (
            <p className="muted small-text" data-testid="adj-rel-need-gold">
              Both spans must be in gold before the relation can go there: decide on the spans first.
            </p>
          )}
          <DecisionForm
            why={why}
            testIdPrefix="adj-rel"
            busy={busy}
            cannotAccept={needsGold || current.goldOnly}
            onAccept={(context) => decide(relationDecision(current, 'accept', context))}
            onReject={(context) => decide(relationDecision(current, 'reject', context))}
          >
            <Select<string>
              value={retype}
              aria-label="Into gold as"
              data-testid="adj-rel-retype"
              onChange={setRetype}
              choices={[...new Set([current.type, ...types.map((t) => t.name)])].flatMap((name) => [
                ...(name !== current.type ? [{ value: `${name}\u0000`, text: `as ${name}` }] : []),
                ...(types.find((t) => t.name === name)?.symmetric
                  ? []
                  : [{ value: `${name}\u0000reverse`, text: `as ${name}, the other way` }]),
              ])}
            >
              <option value="">Edit: another type or direction…</option>
            </Select>
            <button
              type="button"
              data-testid="adj-rel-edit"
              disabled={blocked || needsGold || !retype}
              onClick={() => {
                const [type, way] = retype.split('\u0000');
                if (ctx) decide(relationDecision(current, { type, reverse: way === 'reverse' }, ctx));
              }}
            >
              Edit into gold
            </button>
          </DecisionForm>
        </div>
      )}
    </section>
  );
}
