import { useEffect, useState } from 'react';
import { TEMPLATES } from '../../core/templates';
import { useApp } from '../state/context';
import { Select } from '../ui/Select';

/** Browser mode has no File menu: a path field with Open and Create (with a template), and the recent list. */
export function ProjectBar() {
  const project = useApp((s) => s.project);
  const recent = useApp((s) => s.recent);
  const openProject = useApp((s) => s.openProject);
  const createProject = useApp((s) => s.createProject);
  const [path, setPath] = useState(project?.path ?? '');
  const [busy, setBusy] = useState(false);
  const [template, setTemplate] = useState('');

  useEffect(() => {
    if (project) setPath(project.path);
  }, [project]);

  const run = async (action: (p: string) => Promise<void>, p = path.trim()) => {
    if (!p) return;
    setBusy(true);
    try {
      await action(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="project-bar"
      onSubmit={(e) => {
        e.preventDefault();
        void run(openProject);
      }}
    >
      <input
        data-testid="project-path"
        aria-label="Project folder"
        placeholder="/path/to/project folder"
        value={path}
        spellCheck={false}
        onChange={(e) => setPath(e.target.value)}
      />
      <button type="submit" disabled={busy || !path.trim()}>
        Open
      </button>
      <button
        type="button"
        disabled={busy || !path.trim()}
        onClick={() => void run((p) => createProject(p, template || undefined))}
      >
        Create
      </button>
      <Select
        aria-label="Codebook template for a new project"
        data-testid="create-template"
        value={template}
        onChange={setTemplate}
        choices={TEMPLATES.map((t) => ({ value: t.id, text: t.name, title: t.description }))}
      >
        <option value="">empty codebook</option>
      </Select>
      <Select
        aria-label="Recent projects"
        data-testid="recent-projects"
        value=""
        disabled={busy || recent.length === 0}
        onChange={(p) => {
          if (p) {
            setPath(p);
            void run(openProject, p);
          }
        }}
        choices={recent}
      >
        <option value="">Recent…</option>
      </Select>
    </form>
  );
}
