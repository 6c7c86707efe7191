import type { ReactNode } from 'react';
import { useApp } from '../state/context';
import { AnnotatorField } from './AnnotatorField';
import { SaveIndicator } from './SaveIndicator';

/** Who, where and whether it is saved stay in view; children (the view switch) sit by the project's name. */
export function TopBar({ children }: { children?: ReactNode }) {
  const project = useApp((s) => s.project);
  const closeProject = useApp((s) => s.closeProject);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo">Frame Lens</span>
        {project ? (
          <span className="project-id" title={project.path}>
            <strong>{project.settings.name}</strong>
            <span className="muted mono">{project.path}</span>
          </span>
        ) : (
          <span className="muted">no project open</span>
        )}
        {children}
      </div>
      <div className="topbar-right">
        {project && (
          <button type="button" className="link" onClick={() => void closeProject()} data-testid="close-project">
            Projects
          </button>
        )}
        <AnnotatorField />
        <SaveIndicator />
      </div>
    </header>
  );
}
