import type { ReactNode } from 'react';
import { useApp } from '../state/context';
import { AnnotatorField } from './AnnotatorField';
import { ProjectBar } from './ProjectBar';
import { SaveIndicator } from './SaveIndicator';

/** Who, where and whether it is saved stay in view; children (the view switch) sit by the project's name. */
export function TopBar({ children }: { children?: ReactNode }) {
  const project = useApp((s) => s.project);
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
      <ProjectBar />
      <div className="topbar-right">
        <AnnotatorField />
        <SaveIndicator />
      </div>
    </header>
  );
}
