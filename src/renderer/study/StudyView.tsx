// The Study view: reliability rounds on a drawn sample, coded blind with the codebook frozen, closed with
// honest intervals, charted round by round with the codebook's changes between them, and reported as a
// methods appendix with the reliability data.
import { useState } from 'react';
import { useApp } from '../state/context';
import { FieldError } from '../ui/FieldError';
import { AlphaChart } from './AlphaChart';
import { NewRoundForm } from './NewRoundForm';
import { RoundCard } from './RoundCard';
import { useStudy } from './useStudy';
import './study.css';

export function StudyView() {
  const { status, error, reload } = useStudy();
  const project = useApp((s) => s.project);
  const [creating, setCreating] = useState(false);
  if (!project) return <section className="st-view muted">Open a project first.</section>;
  return (
    <section className="st-view" data-testid="study-view">
      <header className="st-head">
        <h1>Reliability study</h1>
        <span className="muted">
          A training round checks coders against gold; a main round measures their agreement on a random sample, coded
          blind with the codebook frozen.
        </span>
      </header>
      {error && <FieldError>{error}</FieldError>}
      {status && (
        <>
          <section className="panel st-panel">
            <h2>
              Rounds{' '}
              {!creating && (
                <button type="button" className="small" data-testid="st-new" onClick={() => setCreating(true)}>
                  New round…
                </button>
              )}
            </h2>
            {creating && (
              <>
                <NewRoundForm
                  status={status}
                  onCreated={() => {
                    setCreating(false);
                    void reload();
                  }}
                />
                <button type="button" className="small" onClick={() => setCreating(false)}>
                  Cancel
                </button>
              </>
            )}
            {status.rounds.length === 0 && !creating && (
              <p className="muted">No round yet. Start with a training round on a few documents.</p>
            )}
            {[...status.rounds].reverse().map((r) => (
              <RoundCard key={r.key} round={r} onChanged={() => void reload()} />
            ))}
          </section>
          {status.admission.length > 0 && (
            <section className="panel st-panel" data-testid="st-admission">
              <h2>Who may join the main coding</h2>
              <ul>
                {status.admission.map((a) => (
                  <li key={a.coder}>
                    <strong>{a.coder}</strong>:{' '}
                    {a.passed ? `met the minimum of “${a.round}”` : <span className="st-warn">{a.reason}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="panel st-panel">
            <h2>α round by round</h2>
            <AlphaChart rounds={status.rounds} changelog={status.changelog} />
          </section>
        </>
      )}
    </section>
  );
}
