import type { ReactNode } from 'react';

/** Why something the analyst asked for did not happen, where they are looking. */
export function FieldError({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="field-problem" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}
