// One round: its sample and how it was drawn, the coders' progress, closing it, its figures once closed (with
// intervals, q and verdicts, or why there are none), the report, and a training round's results against gold.
import { useState } from 'react';
import type { RoundStatus, TrainingResult } from '../../core/api';
import type { GoldScore } from '../../core/study/training';
import { useApi, useApp } from '../state/context';
import { downloadBlob } from '../ui/download';
import { errorText } from '../ui/errors';
import { FieldError } from '../ui/FieldError';
import { Table } from '../ui/Table';
import { fromBase64, useRoundWork } from './useStudy';

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(3);
}

function coef(v: number): string {
  return v.toFixed(3).replace(/^(-?)0\./, '$1.');
}

function day(at?: string): string {
  return at ? at.slice(0, 10) : '—';
}

function SampleLine({ round }: { round: RoundStatus }) {
  const s = round.sample;
  return (
    <p className="st-sample" data-testid="st-sample">
      {s.documents.length} document{s.documents.length === 1 ? '' : 's'} drawn from {s.population}
      {s.excluded > 0 ? ` (${s.excluded} drawn by earlier rounds left out)` : ''}, seed {s.seed},{' '}
      {s.strata === 'none'
        ? 'simple random sample'
        : `stratified by ${s.strata}: ${s.allocation.map((a) => `${a.stratum} ${a.drawn}`).join(' · ')}`}
      ; codebook version {round.codebookVersion} frozen.
    </p>
  );
}

function Progress({ round }: { round: RoundStatus }) {
  return (
    <Table
      className="st-table"
      testId="st-progress"
      columns={[
        'Coder',
        'Done',
        'In progress',
        'Not started',
        {
          text: 'Other codebook',
          title: 'Records saved under another codebook version than the one frozen for the round',
        },
      ]}
    >
      {round.progress.map((p) => (
        <tr key={p.coder} data-testid="st-progress-row">
          <th scope="row">{p.coder}</th>
          <td>
            <meter min={0} max={p.assigned} value={p.done} /> {p.done} / {p.assigned}
          </td>
          <td>{p.inProgress}</td>
          <td>{p.notStarted}</td>
          <td className={p.otherCodebook > 0 ? 'st-warn' : undefined}>{p.otherCodebook}</td>
        </tr>
      ))}
    </Table>
  );
}

function Figures({ round }: { round: RoundStatus }) {
  const s = round.summary;
  if (!s) return null;
  const mins = s.variables[0]?.q.map((q) => q.alpha_min) ?? [];
  return (
    <>
      <p className="muted">
        {s.method}, {s.draws} resamples, seed {s.seed}. Verdicts come from the interval only; no interval, no verdict.
      </p>
      <Table
        className="st-table"
        testId="st-figures"
        columns={[
          'Variable',
          'Documents',
          'α',
          `${Math.round(s.level * 100)}% CI`,
          ...mins.map((m) => `q(α < ${coef(m)})`),
          'Verdict',
        ]}
      >
        {s.variables.map((v) => (
          <tr key={v.key} data-testid="st-figure-row">
            <th scope="row">{v.name}</th>
            <td>{v.units}</td>
            <td>{fmt(v.alpha)}</td>
            <td>{v.lower === null ? '—' : `${fmt(v.lower)} – ${fmt(v.upper)}`}</td>
            {v.q.map((q) => (
              <td key={q.alpha_min}>{fmt(q.q)}</td>
            ))}
            <td>
              {v.verdict ? (
                <span className={`verdict verdict-${v.verdict}`}>{v.verdict}</span>
              ) : (
                <span className="muted">no interval: {v.reason ?? 'undefined'}</span>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

function score(s: GoldScore): string {
  return s.value === null ? '—' : s.value.toFixed(3);
}

function TrainingResults({ results }: { results: TrainingResult[] }) {
  return (
    <div className="st-training" data-testid="st-training">
      {results.map((r) => (
        <div key={r.coder} className="st-coder" data-testid="st-training-coder">
          <h4>
            {r.coder}{' '}
            <span className="muted">
              {r.progress.done} of {r.progress.assigned} done
            </span>{' '}
            {r.requirement &&
              (r.requirement.passed ? (
                <span className="verdict verdict-reliable">minimum met</span>
              ) : (
                <span className="verdict verdict-unreliable">below the minimum</span>
              ))}
          </h4>
          {r.scores === null ? (
            <p className="muted">Your agreement with gold shows here once you have marked every document done.</p>
          ) : r.scores.documents === 0 ? (
            <p className="muted">{r.scores.overall.f1_overlap.reason ?? 'nothing to compare yet'}</p>
          ) : (
            <table className="st-table">
              <thead>
                <tr>
                  <th>Label (against gold)</th>
                  <th>F1 exact</th>
                  <th>F1 overlap</th>
                  <th>α_U</th>
                </tr>
              </thead>
              <tbody>
                {[{ label: 'All labels', ...r.scores.overall }, ...r.scores.labels].map((l) => (
                  <tr key={l.label}>
                    <th scope="row">{l.label}</th>
                    <td>{score(l.f1_exact)}</td>
                    <td>{score(l.f1_overlap)}</td>
                    <td title={l.alpha_u.reason}>{score(l.alpha_u)}</td>
                  </tr>
                ))}
                {r.scores.documentLabels
                  .filter((v) => v.percent_agreement.value !== null || v.cohen_kappa.value !== null)
                  .map((v) => (
                    <tr key={v.variable}>
                      <th scope="row">{v.variable}</th>
                      <td colSpan={3} title={v.percent_agreement.reason}>
                        {score(v.percent_agreement)} agreement · Cohen's κ {score(v.cohen_kappa)}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          {r.scores &&
            r.scores.documents > 0 &&
            r.scores.documentLabels.length > 0 &&
            r.scores.documentLabels.every((v) => v.percent_agreement.value === null) && (
              <p className="muted">
                Document labels: {r.scores.documentLabels[0].percent_agreement.reason ?? 'nothing to compare yet'}.
              </p>
            )}
          {r.requirement?.shortfalls.map((s) => (
            <p key={`${s.variable}:${s.measure}`} className="st-warn">
              {s.variable}: {s.measure} {fmt(s.value)} &lt; {s.minimum}
              {s.reason ? ` (${s.reason})` : ''}
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}

export function RoundCard({ round, onChanged }: { round: RoundStatus; onChanged(): void }) {
  const api = useApi();
  const annotator = useApp((s) => s.annotator);
  const titles = useApp((s) => s.documents);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  const [training, setTraining] = useState<TrainingResult[] | null>(null);
  const coding = round.state === 'open' && round.coders.includes(annotator);
  const computing = busy === 'close' || busy === 'report';
  const work = useRoundWork(round.name, computing);
  const unfinished = round.progress.filter((p) => p.done < p.assigned);

  const act = async (what: string, run: () => Promise<void>) => {
    setBusy(what);
    try {
      await run();
      setError(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  const close = () =>
    act('close', async () => {
      await api.closeRound(round.name, annotator || 'unknown');
      setConfirming(false);
      onChanged();
    });
  const report = () =>
    act('report', async () => {
      const r = await api.roundReport(round.name);
      setWritten(`${r.folder} (${r.files.length} files)`);
      downloadBlob(new Blob([fromBase64(r.zip) as BlobPart], { type: 'application/zip' }), `${round.key}-report.zip`);
    });
  const loadTraining = () =>
    act('training', async () => setTraining(await api.trainingResults(round.name, annotator || undefined)));

  return (
    <article className={`st-round st-${round.state}`} data-testid="st-round" data-round={round.name}>
      <header className="st-round-head">
        <h3>{round.name}</h3>
        <span className="st-badge">{round.kind === 'training' ? 'training' : 'main'}</span>
        <span className={`st-badge st-state-${round.state}`} data-testid="st-state">
          {round.state}
        </span>
        <span className="muted">
          opened {day(round.openedAt)}
          {round.openedBy ? ` by ${round.openedBy}` : ''}
          {round.closedAt ? ` · closed ${day(round.closedAt)}${round.closedBy ? ` by ${round.closedBy}` : ''}` : ''}
        </span>
      </header>
      <SampleLine round={round} />
      {coding && (
        <p className="st-blind" data-testid="st-blind">
          You code this round: the other coders' layers, suggestions, outlet phrases and agreement figures on its
          documents are hidden from you until it closes.
        </p>
      )}
      <details>
        <summary>Drawn documents ({round.sample.documents.length})</summary>
        <ul className="st-docs" data-testid="st-docs">
          {round.sample.documents.map((id) => {
            const meta = titles.find((d) => d.id === id)?.meta;
            return (
              <li key={id}>
                <span className="mono">{id}</span>
                {meta?.title ? ` — ${meta.title}` : ''}
                {meta?.outlet ? <span className="muted"> · {meta.outlet}</span> : null}
              </li>
            );
          })}
        </ul>
      </details>
      <Progress round={round} />
      <Figures round={round} />
      {error && <FieldError testId="st-round-error">{error}</FieldError>}
      <div className="st-actions">
        {round.state === 'open' &&
          (confirming ? (
            <div className="strip warn" data-testid="st-confirm-close">
              <div className="strip-body">
                Closing computes every figure with its interval and keeps the coding as it is now; coders can no longer
                add to this round.
                {unfinished.length > 0 &&
                  ` Not finished: ${unfinished.map((p) => `${p.coder} (${p.done} of ${p.assigned})`).join(', ')}.`}
              </div>
              <button type="button" className="small danger" disabled={busy !== null} onClick={() => void close()}>
                {busy === 'close' ? 'Closing…' : 'Close the round'}
              </button>
              <button type="button" className="small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" data-testid="st-close" onClick={() => setConfirming(true)}>
              Close round…
            </button>
          ))}
        {round.state === 'closed' && (
          <button
            type="button"
            className="primary"
            data-testid="st-report"
            disabled={busy !== null}
            onClick={() => void report()}
          >
            {busy === 'report' ? 'Writing…' : 'Write the report (appendix and data)'}
          </button>
        )}
        {round.kind === 'training' && (
          <button
            type="button"
            data-testid="st-show-training"
            disabled={busy !== null}
            onClick={() => void loadTraining()}
          >
            Agreement with gold
          </button>
        )}
        {written && (
          <span className="muted" data-testid="st-written">
            Written to {written} in the project folder, and downloaded as a zip.
          </span>
        )}
      </div>
      {computing && (
        <p className="muted" role="status" data-testid="st-computing">
          Computing every figure on the round's {round.sample.documents.length} documents, each with 1,000 bootstrap
          resamples…
          {work && work.total > 0 && (
            <>
              {' '}
              <progress value={work.done} max={work.total} />{' '}
              <span data-testid="st-computing-count">
                {work.done.toLocaleString('en')} of {work.total.toLocaleString('en')} drawn
              </span>
            </>
          )}
        </p>
      )}
      {training && <TrainingResults results={training} />}
    </article>
  );
}
