// The screen without an open project: recent projects, a new project (with a codebook template), Open…,
// and the sample. In the Electron app Open… is the native folder dialog; in the browser, a folder typed
// here must lie inside the folders `serve --allow` named.
import { useState } from 'react';
import { TEMPLATES } from '../../core/templates';
import { useAppPick, useAppStore } from '../state/context';
import { Form } from '../ui/Form';
import { Select } from '../ui/Select';
import { TextInput } from '../ui/TextInput';
import { useBusy } from '../ui/useBusy';

export function Welcome() {
  const store = useAppStore();
  const api = store.api;
  const {
    ready,
    recent,
    shell,
    projectError: error,
    openWith,
    openProject,
  } = useAppPick('ready', 'recent', 'shell', 'projectError', 'openWith', 'openProject');
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('');
  const [path, setPath] = useState('');
  const [busy, run] = useBusy();

  if (!ready) return <main className="welcome-screen">Connecting…</main>;
  return (
    <main className="welcome-screen" data-testid="welcome">
      <h1>Welcome to Frame Lens</h1>
      <p className="muted">Mark how news articles frame a story, compare coders, and export the dataset.</p>
      {error && (
        <p className="field-problem" role="alert" data-testid="welcome-error">
          {error}
        </p>
      )}
      <div className="welcome-grid">
        <section aria-labelledby="w-sample">
          <h2 id="w-sample">See an example</h2>
          <p>A small project two annotators have already coded. You work in your own copy.</p>
          <button
            type="button"
            className="primary"
            data-testid="open-sample"
            disabled={busy}
            onClick={() => void run(() => openWith('open the sample', () => api.openSample()))}
          >
            Open the sample project
          </button>
        </section>
        <section aria-labelledby="w-new">
          <h2 id="w-new">New project</h2>
          <Form
            className="welcome-form"
            onSubmit={() => {
              const n = name.trim();
              if (n) void run(() => openWith(`create ${n}`, () => api.newProject(n), template || undefined));
            }}
          >
            <label htmlFor="w-name">Name</label>
            <TextInput
              id="w-name"
              data-testid="new-name"
              value={name}
              placeholder="Protest coverage 2024"
              onChange={setName}
            />
            <label htmlFor="w-template">Codebook</label>
            <Select
              id="w-template"
              data-testid="create-template"
              value={template}
              onChange={setTemplate}
              choices={TEMPLATES.map((t) => ({ value: t.id, text: t.name, title: t.description }))}
            >
              <option value="">empty codebook</option>
            </Select>
            <button type="submit" disabled={busy || !name.trim()} data-testid="new-create">
              Create
            </button>
          </Form>
          {shell && <p className="muted small-text">It is made in {shell.projectsFolder}.</p>}
          {shell?.dialogs && (
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() => void run(() => openWith('create the project', () => api.pickProject('create')))}
            >
              Create in a folder of my choice…
            </button>
          )}
        </section>
        <section aria-labelledby="w-open">
          <h2 id="w-open">Open a project</h2>
          {shell?.dialogs ? (
            <button
              type="button"
              data-testid="open-dialog"
              disabled={busy}
              onClick={() => void run(() => openWith('open the project', () => api.pickProject('open')))}
            >
              Open…
            </button>
          ) : (
            <Form
              className="welcome-form"
              onSubmit={() => {
                if (path.trim()) void run(() => openProject(path.trim()));
              }}
            >
              <label htmlFor="w-path">Project folder</label>
              <TextInput
                id="w-path"
                data-testid="project-path"
                className="mono"
                spellCheck={false}
                value={path}
                placeholder={shell?.allowedRoots[0] ?? '/path/to/project'}
                onChange={setPath}
              />
              <button type="submit" disabled={busy || !path.trim()}>
                Open
              </button>
              <p className="muted small-text">
                {shell?.allowedRoots.length
                  ? `Folders inside ${shell.allowedRoots.join(', ')}.`
                  : 'In the browser, folders can be typed only inside those started with framelens serve --allow DIR.'}
              </p>
            </Form>
          )}
          <h3>Recent projects</h3>
          {recent.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="recent" data-testid="recent-list">
              {recent.map((p) => (
                <li key={p}>
                  <button
                    type="button"
                    className="link mono"
                    disabled={busy}
                    onClick={() => void run(() => openProject(p))}
                  >
                    {p}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </main>
  );
}
