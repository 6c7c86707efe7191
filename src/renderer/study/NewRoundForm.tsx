// Opening a round: its name and kind, the coders, the size (with Krippendorff's minimum beside it), the seed,
// strata, and for a training round the minimum a coder must reach to join the main coding.
import { useEffect, useState } from 'react';
import type { RoundRequest, SampleSizeReport, StudyStatus } from '../../core/api';
import { GOLD } from '../../core/model';
import type { SpanMeasure } from '../../core/study/training';
import { useApi, useApp } from '../state/context';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { Form } from '../ui/Form';
import { LabelledSelect } from '../ui/Select';
import { Table } from '../ui/Table';
import { TextInput } from '../ui/TextInput';
import { useBusy } from '../ui/useBusy';

const MEASURES: { value: SpanMeasure; text: string }[] = [
  { value: 'f1_overlap', text: 'overlap F1' },
  { value: 'f1_exact', text: 'exact-match F1' },
  { value: 'alpha_u', text: 'α_U' },
];

type Strata = 'none' | 'outlet' | 'story';
const STRATA: { value: Strata; text: string }[] = [
  { value: 'none', text: 'none (simple random sample)' },
  { value: 'outlet', text: 'by outlet (proportional)' },
  { value: 'story', text: 'by story (proportional)' },
];

/** A seed for a new round: random, shown, and editable (the report prints it). */
function freshSeed(): number {
  const buf = new Uint32Array(1);
  crypto.getRandomValues(buf);
  return buf[0] % 1_000_000;
}

function SizeHelper({
  advice,
  alphaMin,
  onAlphaMin,
  onUse,
  size,
}: {
  advice: SampleSizeReport | null;
  alphaMin: string;
  onAlphaMin(v: string): void;
  onUse(n: number): void;
  size: number;
}) {
  if (!advice) return <p className="muted">Computing the minimum sample…</p>;
  const few = advice.perVariable.length === 0;
  return (
    <div className="st-helper" data-testid="st-size-helper">
      <LabelledSelect
        inline
        label="Claim α ≥"
        value={alphaMin}
        onChange={onAlphaMin}
        choices={[
          { value: '0.8', text: '.800 (rely on the data)' },
          { value: '0.667', text: '.667 (tentative conclusions)' },
        ]}
      />
      {few ? (
        <p>
          The codebook has no document label: Krippendorff's minimum is for categories. An α_U interval needs at least{' '}
          {advice.minimumForIntervals} documents carrying each label.
        </p>
      ) : (
        <>
          <p data-testid="st-minimum">
            Krippendorff's minimum at p = {advice.significance}: <strong>{advice.units} documents</strong>
            {advice.codedRecords > 0
              ? ` (rarest categories as observed in ${advice.codedRecords} coded records)`
              : ' (no coding yet: equal shares assumed, optimistic for a rare category)'}
            . {advice.undrawn} of {advice.documents} documents are not in a round yet.{' '}
            <button type="button" className="small" data-testid="st-use-minimum" onClick={() => onUse(advice.units)}>
              Use {Math.min(advice.units, advice.undrawn)}
            </button>
          </p>
          <details>
            <summary>Per variable</summary>
            <Table className="st-table" columns={['Variable', 'Rarest share', 'From', 'Documents']}>
              {advice.perVariable.map((v) => (
                <tr key={v.variable}>
                  <th scope="row">{v.variable}</th>
                  <td>{v.rarestShare.toFixed(3)}</td>
                  <td>{v.source === 'pilot' ? 'observed' : 'equal shares'}</td>
                  <td>{v.units}</td>
                </tr>
              ))}
            </Table>
          </details>
        </>
      )}
      {size > 0 && size < advice.minimumForIntervals && (
        <p className="st-warn" data-testid="st-size-warning">
          Fewer than {advice.minimumForIntervals} documents: no interval and no verdict will be given, only the figures.
          Fine for a pilot, not for the reliability a paper reports.
        </p>
      )}
      {!few && size >= advice.minimumForIntervals && size < advice.units && (
        <p className="st-warn" data-testid="st-size-warning">
          Below Krippendorff's minimum for α ≥ {alphaMin === '0.8' ? '.800' : '.667'}: the report will say so.
        </p>
      )}
    </div>
  );
}

export function NewRoundForm({ status, onCreated }: { status: StudyStatus; onCreated(): void }) {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const known = useApp((s) => s.project?.annotators ?? []).filter((a) => a !== GOLD);
  const [kind, setKind] = useState<'main' | 'training'>(
    status.rounds.some((r) => r.kind === 'training') ? 'main' : 'training',
  );
  const [name, setName] = useState(() => (kind === 'training' ? 'Pilot' : `R${status.rounds.length + 1}`));
  // the one opening the round is usually the lead, not a coder: ticked only by hand
  const [coders, setCoders] = useState<string[]>(() => known.filter((c) => c !== annotator));
  const [more, setMore] = useState('');
  const [size, setSize] = useState(Math.min(10, status.undrawn));
  const [seed, setSeed] = useState(freshSeed);
  const [strata, setStrata] = useState<Strata>('none');
  const [includeEarlier, setIncludeEarlier] = useState(false);
  const [measure, setMeasure] = useState<SpanMeasure | ''>('');
  const [minimum, setMinimum] = useState('0.7');
  const [everyLabel, setEveryLabel] = useState(false);
  const [alphaMin, setAlphaMin] = useState('0.8');
  const [advice, setAdvice] = useState<SampleSizeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, runBusy] = useBusy();

  useEffect(() => {
    let live = true;
    api.sampleSizeAdvice({ alphaMin: Number(alphaMin) }).then(
      (a) => live && setAdvice(a),
      (err: unknown) => live && setError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [api, alphaMin]);

  const all = [
    ...new Set([
      ...known.filter((c) => coders.includes(c)),
      ...more
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ]),
  ];
  const toggle = (c: string) => setCoders((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));

  const submit = async () => {
    const req: RoundRequest = {
      name: name.trim(),
      kind,
      coders: all,
      size,
      seed,
      strata,
      ...(includeEarlier ? { includeEarlier } : {}),
      ...(kind === 'training' && measure
        ? { requirement: { measure, minimum: Number(minimum), scope: everyLabel ? 'every-label' : 'overall' } }
        : {}),
      ...(annotator ? { by: annotator } : {}),
    };
    await runBusy(
      async () => {
        await api.createRound(req);
        setError(null);
        onCreated();
      },
      (err) => setError(errorText(err)),
    );
  };

  return (
    <Form className="st-form" data-testid="st-new-round" onSubmit={submit}>
      <div className="st-row">
        <label className="st-field">
          <span>Name</span>
          <TextInput value={name} data-testid="st-name" onChange={setName} />
        </label>
        <fieldset className="st-kind">
          <legend>Kind</legend>
          <label>
            <input type="radio" checked={kind === 'training'} onChange={() => setKind('training')} /> Training (pilot,
            compared with gold)
          </label>
          <label>
            <input type="radio" checked={kind === 'main'} data-testid="st-kind-main" onChange={() => setKind('main')} />{' '}
            Main (the reliability reported)
          </label>
        </fieldset>
      </div>
      <fieldset className="st-coders">
        <legend>Coders</legend>
        {known.map((c) => (
          <label key={c}>
            <input type="checkbox" checked={coders.includes(c)} onChange={() => toggle(c)} /> {c}
          </label>
        ))}
        <label className="st-field">
          <span>Others (comma-separated)</span>
          <TextInput value={more} data-testid="st-more-coders" onChange={setMore} />
        </label>
      </fieldset>
      <div className="st-row">
        <CountField label="Documents" min={1} value={size} testId="st-size" onChange={setSize} />
        <CountField label="Seed" min={0} value={seed} testId="st-seed" onChange={setSeed} />
        <LabelledSelect
          className="st-field"
          label="Strata"
          value={strata}
          onChange={(v: Strata) => setStrata(v)}
          data-testid="st-strata"
          choices={STRATA}
        />
        {status.undrawn < status.documents && (
          <label>
            <input type="checkbox" checked={includeEarlier} onChange={(e) => setIncludeEarlier(e.target.checked)} />{' '}
            also draw documents of earlier rounds
          </label>
        )}
      </div>
      <SizeHelper
        advice={advice}
        alphaMin={alphaMin}
        onAlphaMin={setAlphaMin}
        size={size}
        onUse={(n) => setSize(Math.min(n, includeEarlier ? status.documents : status.undrawn))}
      />
      {kind === 'training' && (
        <div className="st-row" data-testid="st-requirement">
          <LabelledSelect
            className="st-field"
            label="Minimum to join the main coding"
            value={measure}
            onChange={(m: SpanMeasure | '') => setMeasure(m)}
            choices={MEASURES as { value: SpanMeasure | ''; text: string }[]}
          >
            <option value="">none</option>
          </LabelledSelect>
          {measure && (
            <>
              <label className="st-field">
                <span>at least</span>
                <TextInput
                  type="number"
                  step="0.05"
                  min={measure === 'alpha_u' ? -1 : 0}
                  max={1}
                  value={minimum}
                  onChange={setMinimum}
                />
              </label>
              <label>
                <input type="checkbox" checked={everyLabel} onChange={(e) => setEveryLabel(e.target.checked)} /> on
                every label, not only overall
              </label>
            </>
          )}
        </div>
      )}
      {error && <FieldError testId="st-create-error">{error}</FieldError>}
      <button type="submit" className="primary" data-testid="st-open-round" disabled={busy || !name.trim()}>
        Draw the sample and open the round
      </button>
    </Form>
  );
}

/** A whole number ≥ 0 (what is typed is rounded down; anything else reads as 0). */
function CountField({
  label,
  min,
  value,
  testId,
  onChange,
}: {
  label: string;
  min: number;
  value: number;
  testId: string;
  onChange(n: number): void;
}) {
  return (
    <label className="st-field">
      <span>{label}</span>
      <input
        type="number"
        min={min}
        value={value}
        data-testid={testId}
        onChange={(e) => onChange(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
      />
    </label>
  );
}
