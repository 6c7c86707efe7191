// Document-level labels: Krippendorff's α (with its bootstrap interval), Fleiss' κ and percent agreement per
// single-choice group, and per option of a multi-choice group.
import type { AgreementReport, BootstrapReport, ConfidenceInterval, DocLabelFigures } from '../../core/agreement';
import { Table } from '../ui/Table';
import { FigureValue, IntervalText, QText, VerdictText } from './FigureValue';
import { fmt, pointer, READINGS } from './readings';

interface Row {
  key: string;
  name: string;
  f: DocLabelFigures;
  path: string[];
  ci: ConfidenceInterval | null | undefined;
}

function rows(report: AgreementReport, intervals: BootstrapReport | null): Row[] {
  const out: Row[] = [];
  for (const [group, g] of Object.entries(report.document_labels)) {
    const ib = intervals?.document_labels[group];
    if ('options' in g)
      for (const [o, f] of Object.entries(g.options)) {
        const ci = ib && 'options' in ib ? ib.options[o] : undefined;
        const path = ['document_labels', group, 'options', o];
        out.push({ key: path.join('/'), name: `${group}: ${o}`, f, path, ci: intervals ? (ci ?? null) : undefined });
      }
    else {
      const ci = ib && !('options' in ib) ? ib : undefined;
      const path = ['document_labels', group];
      out.push({ key: path.join('/'), name: group, f: g, path, ci: intervals ? (ci ?? null) : undefined });
    }
  }
  return out;
}

export function DocLabelTable({ report, intervals }: { report: AgreementReport; intervals: BootstrapReport | null }) {
  const list = rows(report, intervals);
  if (list.length === 0) return <p className="muted">No document labels in the selected records.</p>;
  return (
    <>
      <p className="ag-reading">{READINGS.doc_alpha}</p>
      <Table
        className="ag-table"
        testId="ag-doclabels"
        columns={[
          'Variable',
          'Documents',
          'α',
          '95% CI',
          { text: 'q', title: 'The share of bootstrap resamples in which α falls below the minimum' },
          'Verdict',
          "Fleiss' κ",
          '% agreement',
        ]}
      >
        {list.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            <td>{r.f.documents}</td>
            <td>
              <FigureValue
                value={r.f.krippendorff_alpha}
                reason={report.null_reasons[pointer(...r.path, 'krippendorff_alpha')]}
              />
            </td>
            <td>{r.f.krippendorff_alpha === null ? null : <IntervalText ci={r.ci} />}</td>
            <td>
              <QText ci={r.ci} />
            </td>
            <td>{r.f.krippendorff_alpha === null ? null : <VerdictText ci={r.ci} />}</td>
            <td>
              <FigureValue value={r.f.fleiss_kappa} reason={report.null_reasons[pointer(...r.path, 'fleiss_kappa')]} />
            </td>
            <td>{fmt(r.f.percent_agreement)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}
