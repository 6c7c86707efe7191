// A table of figures or rows: its header row from a list of columns, its body from the children.
import type { ReactNode } from 'react';

/** A column heading: its text, or its text with a tooltip saying what the column counts. */
export type Column = string | { text: ReactNode; title: string; key?: string };

export function Table({
  className,
  testId,
  columns,
  children,
}: {
  className: string;
  testId?: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c}>{c}</th>
            ) : (
              <th key={c.key ?? String(c.text)} title={c.title}>
                {c.text}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

/** Header cells of columns named by data (annotators, types, outlets). */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return names.map((n) => (
    <th key={n} scope="col">
      {n}
    </th>
  ));
}
