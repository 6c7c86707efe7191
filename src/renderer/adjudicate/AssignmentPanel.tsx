// Assignment: the current plan (overlap sample and each annotator's share) with progress, and a form to plan
// anew: which annotators, what share everyone codes (overlap %), and the seed.
import { useEffect, useState } from 'react';
import type { AssignmentProgress } from '../../core/api';
import type { AssignmentPlan } from '../../core/assignment';
import { useApi } from '../state/context';
import { errorText } from '../ui/errors';
import { Form } from '../ui/Form';
import { TextInput } from '../ui/TextInput';
import { useBusy } from '../ui/useBusy';

type Assignments = { plan: AssignmentPlan; progress: Record<string, AssignmentProgress> } | null;

interface AssignmentPanelProps {
  /** The project's annotators, gold left out. */
  annotators: readonly string[];
  stamp: number;
}

function PlanTable({ data }: { data: NonNullable<Assignments> }) {
  const names = Object.keys(data.plan.annotators).sort();
  return (
    <table className="adj-table" data-testid="adj-plan">
      <caption className="small-text muted">
        Seed {data.plan.seed} · {data.plan.overlap.length} document(s) coded by everyone
      </caption>
      <thead>
        <tr>
          <th>Annotator</th>
          <th className="num">assigned</th>
          <th className="num">done</th>
          <th className="num">in progress</th>
          <th className="num">skipped</th>
          <th>progress</th>
        </tr>
      </thead>
      <tbody>
        {names.map((a) => {
          const p = data.progress[a] ?? {
            assigned: data.plan.annotators[a].length,
            done: 0,
            inProgress: 0,
            skipped: 0,
          };
          const pct = p.assigned ? Math.round((p.done / p.assigned) * 100) : 0;
          return (
            <tr key={a} data-testid="adj-plan-row" data-annotator={a}>
              <th scope="row">{a}</th>
              <td className="num">{p.assigned}</td>
              <td className="num">{p.done}</td>
              <td className="num">{p.inProgress}</td>
              <td className="num">{p.skipped}</td>
              <td>
                <span className="adj-bar" title={`${pct}% done`}>
                  <span style={{ width: `${pct}%` }} />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function AssignmentPanel({ annotators, stamp }: AssignmentPanelProps) {
  const api = useApi();
  const [data, setData] = useState<Assignments | undefined>(undefined);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [extra, setExtra] = useState('');
  const [overlap, setOverlap] = useState(20);
  const [seed, setSeed] = useState(1);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, runBusy] = useBusy();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void stamp;
    void reload;
    api.assignments().then(
      (d) => live && setData(d),
      (err: unknown) => live && setSaid(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, stamp, reload]);
  useEffect(() => setChosen(new Set(annotators)), [annotators]);
  const names = [
    ...chosen,
    ...extra
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ];
  const plan = async () => {
    setSaid(null);
    await runBusy(
      async () => {
        const p = await api.planAssignments({ annotators: [...new Set(names)], overlap: overlap / 100, seed });
        setSaid(`Planned: ${p.overlap.length} overlap document(s), ${Object.keys(p.annotators).length} annotator(s).`);
        setReload((n) => n + 1);
      },
      (err) => setSaid(`Failed: ${errorText(err)}`),
    );
  };
  const overlapOk = Number.isFinite(overlap) && overlap >= 0 && overlap <= 100;
  return (
    <div data-testid="adj-assign">
      {data === undefined ? (
        <p className="muted">Loading…</p>
      ) : data === null ? (
        <p className="muted" data-testid="adj-no-plan">
          No assignment plan yet.
        </p>
      ) : (
        <PlanTable data={data} />
      )}
      <Form className="adj-plan-form" data-testid="adj-plan-form" onSubmit={plan}>
        <fieldset>
          <legend>Plan assignments</legend>
          <div className="adj-form-row">
            {annotators.map((a) => (
              <label key={a}>
                <input
                  type="checkbox"
                  checked={chosen.has(a)}
                  data-testid="adj-plan-annotator"
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChosen((c) => {
                      const n = new Set(c);
                      if (on) n.add(a);
                      else n.delete(a);
                      return n;
                    });
                  }}
                />{' '}
                {a}
              </label>
            ))}
            <TextInput
              value={extra}
              placeholder="more names, comma-separated"
              data-testid="adj-plan-extra"
              onChange={setExtra}
            />
          </div>
          <div className="adj-form-row">
            <label>
              overlap %{' '}
              <input
                type="number"
                min={0}
                max={100}
                value={overlap}
                className="adj-num"
                data-testid="adj-plan-overlap"
                onChange={(e) => setOverlap(e.currentTarget.valueAsNumber)}
              />
            </label>
            <label>
              seed{' '}
              <input
                type="number"
                step={1}
                value={seed}
                className="adj-num"
                data-testid="adj-plan-seed"
                onChange={(e) => setSeed(Math.trunc(e.currentTarget.valueAsNumber))}
              />
            </label>
            <button
              type="submit"
              data-testid="adj-plan-submit"
              disabled={busy || names.length === 0 || !overlapOk || !Number.isFinite(seed)}
            >
              {data ? 'Re-plan' : 'Plan'}
            </button>
          </div>
          {said && (
            <p className="small-text" role="status" data-testid="adj-plan-said">
              {said}
            </p>
          )}
        </fieldset>
      </Form>
    </div>
  );
}
