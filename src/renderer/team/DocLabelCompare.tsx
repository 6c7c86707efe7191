// Document-level labels side by side: one column per annotator and gold, one row per group; rows where the
// annotators differ are marked, and options not everyone chose are highlighted.
import type { AnnotationRecord, DocLabelGroup, DocLabelValue } from '../../core/model';

const asList = (v: DocLabelValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Why: the lead sees whether the coders agree on the document as a whole, not only on spans. */
export function DocLabelCompare({
  groups,
  coders,
  gold,
}: {
  groups: readonly DocLabelGroup[];
  coders: readonly AnnotationRecord[];
  gold: AnnotationRecord | null;
}) {
  const names = [...new Set([...groups.map((g) => g.name), ...coders.flatMap((r) => Object.keys(r.docLabels))])];
  if (names.length === 0) return null;
  const cols = gold ? [...coders, gold] : coders;
  return (
    <table className="adj-table adj-doclabels" data-testid="adj-doclabels">
      <thead>
        <tr>
          <th>Document label</th>
          {cols.map((r) => (
            <th key={r.annotator}>{r.annotator}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((name) => {
          const values = coders.map((r) => asList(r.docLabels[name]));
          const all = new Set(values.flat());
          const shared = [...all].filter((o) => values.every((v) => v.includes(o)));
          const differs = coders.length > 1 && shared.length !== all.size;
          return (
            <tr key={name} className={differs ? 'adj-dl-differs' : undefined} data-testid="adj-doclabel-row">
              <th scope="row">
                {name}
                {differs && <span className="adj-diffmark adj-dk-label">differs</span>}
              </th>
              {cols.map((r) => {
                const v = asList(r.docLabels[name]);
                return (
                  <td key={r.annotator}>
                    {v.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      v.map((o) => (
                        <span key={o} className={`adj-opt${shared.includes(o) ? '' : ' adj-opt-odd'}`}>
                          {o}
                        </span>
                      ))
                    )}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
