// The model as a coder: training it (in a worker of the backend), then its α_U, κ and span F1 against each
// coder and gold, pair by pair with their intervals, beside the coders' own pairs, per label, and in plain
// words where it agrees with the coders less than they agree with each other.
import { useState } from 'react';
import type { Num } from '../../core/agreement';
import type { ComparedMeasure, ModelAgreement, PairFigures } from '../../core/learn/modelAgreement';
import { useApp } from '../state/context';
import { LabelledSelect } from '../ui/Select';
import { Table } from '../ui/Table';
import { localTime } from '../ui/time';
import { FigureValue, IntervalText } from './FigureValue';
import { fmt, pointer } from './readings';

type Intervals = ModelAgreement['intervals'] | null;
type SpanMeasure = Exclude<ComparedMeasure, 'cohen_kappa'>;

const MEASURES: { value: SpanMeasure; text: string }[] = [
  { value: 'alpha_u', text: 'α_U' },
  { value: 'f1_overlap', text: 'F1 overlap' },
  { value: 'f1_exact', text: 'F1 exact' },
  { value: 'cohen_kappa_char', text: 'Cohen’s κ (characters)' },
];

function Training() {
  const status = useApp((s) => s.model);
  const start = useApp((s) => s.startTraining);
  const cancel = useApp((s) => s.cancelTraining);
  const model = status?.model ?? null;
  const job = status?.training ?? null;
  const running = job?.state === 'running';
  const pct = job && job.total > 0 ? Math.round((100 * job.done) / job.total) : 0;
  return (
    <div className="ag-model-training" data-testid="ag-model-training">
      {model ? (
        <p className="muted">
          Trained {localTime(model.trainedAt)} with {model.folds} folds (seed {model.seed}) on {model.coded} coded
          document
          {model.coded === 1 ? '' : 's'}: {model.sources.gold} from gold, {model.sources.agreed} from what the coders
          agreed on. Each document’s figures come from a model that never saw its coding.
          {model.staleness.stale && (
            <strong className="ag-model-stale" data-testid="ag-model-stale">
              {' '}
              Out of date: {model.staleness.reasons.join('; ')}. Train again for current figures.
            </strong>
          )}
        </p>
      ) : (
        <p className="muted">
          {status?.problem
            ? `The model cannot be read (${status.problem}).`
            : 'No model yet. Training learns the codebook from the coding (gold where it exists, else what the coders agreed on), offline, in the background; then the model is measured here like one more coder.'}
        </p>
      )}
      <div className="ag-model-actions">
        {running ? (
          <>
            <progress data-testid="train-progress" max={100} value={pct} />
            <span className="muted">
              {job.stage} · {pct}%
            </span>
            <button type="button" data-testid="train-cancel" onClick={() => void cancel()}>
              Cancel
            </button>
          </>
        ) : (
          <button type="button" data-testid="train-model" onClick={() => void start()}>
            {model ? 'Train again' : 'Train the model'}
          </button>
        )}
        {job && job.state === 'failed' && <span className="ag-model-error">Training failed: {job.error}</span>}
        {job && job.state === 'cancelled' && <span className="muted">Training cancelled; the model is as it was.</span>}
      </div>
    </div>
  );
}

function Cell({
  value,
  reason,
  ci,
}: {
  value: Num;
  reason?: string;
  ci?: { lower: Num; upper: Num; reason?: string } | null;
}) {
  return (
    <td>
      <FigureValue value={value} reason={reason} />
      {ci !== null && (
        <div>
          <IntervalText ci={ci} />
        </div>
      )}
    </td>
  );
}

function PairsTable({ m, intervals }: { m: ModelAgreement; intervals: Intervals }) {
  const rows: {
    key: string;
    name: string;
    f: PairFigures;
    at: string;
    ci: NonNullable<Intervals>['pairs'][number] | null | undefined;
    accepted?: string;
  }[] = [
    ...m.pairs.map((p, i) => ({
      key: `m-${p.coder}`,
      name: `model × ${p.coder}`,
      f: p,
      at: pointer('pairs', i),
      ci: intervals ? (intervals.pairs[i] ?? null) : undefined,
      accepted: p.coder === 'gold' ? '' : `${p.accepted_suggestions} of ${p.coder_spans}`,
    })),
    ...m.coder_pairs.map((p, i) => ({
      key: `c-${p.a}-${p.b}`,
      name: `${p.a} × ${p.b}`,
      f: p,
      at: pointer('coder_pairs', i),
      ci: intervals ? (intervals.coder_pairs[i] ?? null) : undefined,
    })),
  ];
  return (
    <Table
      className="ag-table"
      testId="ag-model-pairs"
      columns={[
        'Pair',
        'Documents',
        'α_U',
        'F1 overlap',
        'F1 exact',
        'Cohen’s κ (char)',
        {
          text: 'Accepted suggestions',
          title: "The coder's spans on these documents that were accepted suggestions of the model",
        },
      ]}
    >
      {rows.map((r) => (
        <tr
          key={r.key}
          data-testid="ag-model-pair"
          data-pair={r.name}
          className={r.key.startsWith('c-') ? 'ag-coder-pair' : undefined}
        >
          <th scope="row">{r.name}</th>
          <td>{r.f.documents}</td>
          {PAIR_MEASURES.map((measure) => (
            <Cell
              key={measure}
              value={r.f[measure].overall}
              reason={m.null_reasons[`${r.at}/${measure}/overall`]}
              ci={
                measure === 'cohen_kappa_char' || r.ci === null
                  ? null
                  : r.ci === undefined
                    ? undefined
                    : (r.ci[measure].overall ?? null)
              }
            />
          ))}
          <td>{r.accepted ?? ''}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The pair table's figure columns, in order; κ has no interval. */
const PAIR_MEASURES = ['alpha_u', 'f1_overlap', 'f1_exact', 'cohen_kappa_char'] as const;

function ComparisonTable({ m }: { m: ModelAgreement }) {
  const [measure, setMeasure] = useState<SpanMeasure>('alpha_u');
  const rows = m.comparison.filter((r) => r.measure === measure);
  const docRows = m.comparison.filter((r) => r.measure === 'cohen_kappa');
  const mark = (below: boolean | null) =>
    below === true ? (
      <span className="verdict verdict-unreliable">model below the coders</span>
    ) : below === false ? (
      <span className="verdict verdict-reliable">not below</span>
    ) : (
      <span className="muted">not comparable</span>
    );
  return (
    <>
      <LabelledSelect<SpanMeasure>
        inline
        label="Figure"
        data-testid="ag-model-measure"
        value={measure}
        onChange={setMeasure}
        choices={MEASURES}
      />
      <Table
        className="ag-table"
        testId="ag-model-labels"
        columns={[
          'Label',
          { text: 'Coders with each other', title: 'mean over the pairs of coders' },
          { text: 'Model with the coders', title: "mean over the model's pairs with each coder" },
          'Model with gold',
          '',
        ]}
      >
        {rows.map((r) => (
          <tr key={r.label ?? '(all)'} data-testid="ag-model-label-row" data-below={String(r.below)}>
            <th scope="row">{r.label ?? 'all labels'}</th>
            <td>
              {fmt(r.humans)} <span className="muted">({r.human_pairs})</span>
            </td>
            <td>
              {fmt(r.model)} <span className="muted">({r.model_pairs})</span>
            </td>
            <td>{fmt(r.model_vs_gold)}</td>
            <td>{mark(r.below)}</td>
          </tr>
        ))}
      </Table>
      {docRows.length > 0 && (
        <Table
          className="ag-table"
          testId="ag-model-doclabels"
          columns={[
            'Document label (Cohen’s κ)',
            'Coders with each other',
            'Model with the coders',
            'Model with gold',
            '',
          ]}
        >
          {docRows.map((r) => (
            <tr key={`${r.group}/${r.option ?? ''}`}>
              <th scope="row">
                {r.group}
                {r.option ? `: ${r.option}` : ''}
              </th>
              <td>{fmt(r.humans)}</td>
              <td>{fmt(r.model)}</td>
              <td>{fmt(r.model_vs_gold)}</td>
              <td>{mark(r.below)}</td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}

/** The section of the Agreement view; `model` is null when the project has no model layer. */
export function ModelSection({ model, intervals }: { model: ModelAgreement | null; intervals: Intervals }) {
  return (
    <section className="ag-panel ag-model" data-testid="ag-model" aria-label="The model as a coder">
      <h2>The model as a coder</h2>
      <Training />
      {model && (
        <>
          <ul className="ag-model-shortfalls" data-testid="ag-model-shortfalls">
            {model.shortfalls.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p className="muted small-text">
            Pairwise figures over the documents both layers annotated (α_U too, so that the model’s pairs and the
            coders’ pairs are measured alike); intervals: percentile bootstrap over documents, as above.
          </p>
          <PairsTable m={model} intervals={intervals} />
          <ComparisonTable m={model} />
        </>
      )}
    </section>
  );
}
