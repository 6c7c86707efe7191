// A panel floating over the workspace: its title, a Close button, and what it holds.
import type { ReactNode } from 'react';

export function OverlayPanel({
  className,
  testId,
  label,
  title,
  onClose,
  children,
}: {
  className: string;
  testId: string;
  /** What a screen reader announces for the dialog; the title too unless one is given. */
  label: string;
  title?: ReactNode;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <div className={`popup ${className}`} data-testid={testId} role="dialog" aria-label={label}>
      <div className="help-head">
        <strong>{title ?? label}</strong>
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </div>
  );
}
