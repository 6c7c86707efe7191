// "Who is annotating?": asked on first launch and when a mark is made before anyone is named; the answer
// is remembered for this user on this machine, and the waiting mark is applied.
import { useEffect, useRef, useState } from 'react';
import { annotatorProblem } from '../state/annotator';
import { useApp } from '../state/context';
import { Form } from '../ui/Form';
import { useFocusReturn } from '../ui/useFocusReturn';

export function IdentityDialog() {
  const asking = useApp((s) => s.askingName);
  const current = useApp((s) => s.annotator);
  const suggested = useApp((s) => s.shell?.suggestedAnnotator ?? '');
  const confirmName = useApp((s) => s.confirmName);
  const cancelName = useApp((s) => s.cancelName);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useFocusReturn(asking !== null);

  useEffect(() => {
    if (!asking) return;
    setName(current || suggested);
    setProblem(null);
    requestAnimationFrame(() => input.current?.select());
  }, [asking, current, suggested]);

  if (!asking) return null;
  const submit = () => {
    const trimmed = name.trim();
    const why = trimmed ? annotatorProblem(trimmed) : 'the name is empty';
    setProblem(why ?? confirmName(trimmed));
  };
  return (
    <div className="modal-backdrop">
      <div
        className="modal identity-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="identity-title"
        data-testid="identity-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') cancelName();
        }}
      >
        <h2 id="identity-title">Who is annotating?</h2>
        <p className="muted">
          Your marks are kept under this name, apart from everyone else's. You can switch it later at the top right.
        </p>
        <Form onSubmit={submit}>
          <label htmlFor="identity-name">Your name</label>
          <input
            id="identity-name"
            ref={input}
            data-testid="identity-name"
            value={name}
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'identity-problem' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
          />
          {problem && (
            <div id="identity-problem" className="field-problem" role="alert">
              {problem}
            </div>
          )}
          <div className="modal-actions">
            <button type="button" onClick={cancelName}>
              Not now
            </button>
            <button type="submit" className="primary" data-testid="identity-ok">
              Continue
            </button>
          </div>
        </Form>
      </div>
    </div>
  );
}
