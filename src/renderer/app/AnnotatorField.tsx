import { useState } from 'react';
import { annotatorProblem } from '../state/annotator';
import { useApp } from '../state/context';
import { Form } from '../ui/Form';

const NEW = '\u0000new';
const NO_NAMES: string[] = [];

export function AnnotatorField() {
  const annotator = useApp((s) => s.annotator);
  const known = useApp((s) => s.project?.annotators ?? NO_NAMES);
  const setAnnotator = useApp((s) => s.setAnnotator);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const names = annotator && !known.includes(annotator) ? [...known, annotator] : known;
  const showInput = adding || (names.length === 0 && !annotator);

  const commit = () => {
    const name = draft.trim();
    const why = name ? annotatorProblem(name) : 'the name is empty';
    if (why) {
      setProblem(why);
      return;
    }
    setAnnotator(name);
    setAdding(false);
    setDraft('');
    setProblem(null);
  };

  return (
    <div className="annotator">
      <label htmlFor="annotator-select">Annotator</label>
      <select
        id="annotator-select"
        data-testid="annotator"
        className={annotator ? '' : 'attention'}
        value={adding ? NEW : annotator}
        onChange={(e) => {
          if (e.target.value === NEW) setAdding(true);
          else setAnnotator(e.target.value);
        }}
      >
        {!annotator && <option value="">— choose —</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
        <option value={NEW}>New annotator…</option>
      </select>
      {showInput && (
        <Form className="annotator-new" onSubmit={commit}>
          <input
            data-testid="annotator-new"
            aria-label="New annotator name"
            className={annotator ? '' : 'attention'}
            value={draft}
            placeholder={annotator || 'your name'}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'annotator-problem' : undefined}
            onChange={(e) => {
              setDraft(e.target.value);
              setProblem(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && names.length > 0) {
                setAdding(false);
                setProblem(null);
              }
            }}
          />
          <button type="submit">Use</button>
          {names.length > 0 && (
            <button type="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          )}
        </Form>
      )}
      {problem && (
        <div id="annotator-problem" className="field-problem" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}
