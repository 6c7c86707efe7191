// Plain-text tables (the CLI without --json) and CSV files (RFC 4180) of an agreement report.
import type { BootstrapReport, ConfidenceInterval } from './bootstrap';
import type { AgreementReport, DocLabelFigures, LabelFigure, Num } from './report';

const DASH = '—';

/** Three decimals for reading; undefined figures show as a dash, never "NaN". */
export function formatNumber(n: Num): string {
  return n === null ? DASH : n.toFixed(3);
}

/** Aligned columns: the first left-aligned, the rest right-aligned. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i] - [...cell].length);
        return i === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function labelRows(labels: readonly string[], figures: readonly LabelFigure[]): string[][] {
  return [
    ['(overall)', ...figures.map((f) => formatNumber(f.overall))],
    ...labels.map((l) => [l, ...figures.map((f) => formatNumber(f.per_label[l] ?? null))]),
  ];
}

function docRow(name: string, f: DocLabelFigures): string[] {
  return [
    name,
    String(f.documents),
    formatNumber(f.krippendorff_alpha),
    formatNumber(f.fleiss_kappa),
    formatNumber(f.percent_agreement),
    formatNumber(f.gwet_ac1),
  ];
}

/** The readable report the CLI prints without --json. */
export function formatAgreementTable(report: AgreementReport): string {
  const out: string[] = [];
  out.push(`Annotators: ${report.annotators.join(', ') || '(none)'}`);
  out.push(`Documents annotated by every annotator: ${report.documents}`);
  if (report.excluded.count > 0) out.push(`Records left out as invalid: ${report.excluded.count}`);
  out.push('');
  out.push('Spans');
  out.push(
    renderTable(
      ['label', 'α_U', 'Fleiss κ (char)'],
      labelRows(report.labels, [report.spans.alpha_u, report.spans.fleiss_kappa_char]),
    ),
  );
  for (const p of report.spans.pairs) {
    out.push('');
    out.push(`Spans, ${p.a} × ${p.b} (${p.documents} documents)`);
    out.push(
      renderTable(
        ['label', 'F1 exact', 'F1 overlap', 'Cohen κ (char)'],
        labelRows(report.labels, [p.f1_exact, p.f1_overlap, p.cohen_kappa_char]),
      ),
    );
  }
  const groups = Object.entries(report.document_labels);
  if (groups.length > 0) {
    const rows: string[][] = [];
    const pairRows: string[][] = [];
    const addPairs = (name: string, f: DocLabelFigures) => {
      for (const p of f.pairs)
        pairRows.push([
          name,
          `${p.a} × ${p.b}`,
          String(p.documents),
          formatNumber(p.cohen_kappa),
          formatNumber(p.scott_pi),
          formatNumber(p.percent_agreement),
          formatNumber(p.gwet_ac1),
        ]);
    };
    for (const [name, g] of groups) {
      if ('options' in g)
        for (const [o, f] of Object.entries(g.options)) {
          rows.push(docRow(`${name}: ${o}`, f));
          addPairs(`${name}: ${o}`, f);
        }
      else {
        rows.push(docRow(name, g));
        addPairs(name, g);
      }
    }
    out.push('');
    out.push('Document labels');
    out.push(renderTable(['variable', 'documents', 'Krippendorff α', 'Fleiss κ', '% agreement', 'Gwet AC1'], rows));
    if (pairRows.length > 0) {
      out.push('');
      out.push(
        renderTable(['variable', 'pair', 'documents', 'Cohen κ', 'Scott π', '% agreement', 'Gwet AC1'], pairRows),
      );
    }
  }
  const nulls = Object.keys(report.null_reasons).length;
  if (nulls > 0) out.push('', `${DASH} = not defined (${nulls} figures; the reasons are in --json "null_reasons")`);
  return `${out.join('\n')}\n`;
}

/** Every interval of a bootstrap run, one row each, in the order the report lists the figures. */
export function intervalRows(r: BootstrapReport): { figure: string; ci: ConfidenceInterval }[] {
  const rows = [{ figure: 'α_U (overall)', ci: r.alpha_u.overall }];
  for (const [l, ci] of Object.entries(r.alpha_u.per_label)) rows.push({ figure: `α_U ${l}`, ci });
  for (const [g, e] of Object.entries(r.document_labels)) {
    if ('options' in e) for (const [o, ci] of Object.entries(e.options)) rows.push({ figure: `α ${g}: ${o}`, ci });
    else rows.push({ figure: `α ${g}`, ci: e });
  }
  return rows;
}

/** The intervals as the CLI prints them: bounds, q per minimum, verdict, or why there is no interval. */
export function formatIntervalTable(r: BootstrapReport): string {
  const pct = `${Math.round(r.level * 1000) / 10}%`;
  const head = `Intervals: ${r.method}, ${r.draws} draws, seed ${r.seed}, ${pct}`;
  const rows = intervalRows(r).map(({ figure, ci }) => [
    figure,
    String(ci.units),
    formatNumber(ci.estimate),
    ci.lower === null ? DASH : `${formatNumber(ci.lower)} – ${formatNumber(ci.upper)}`,
    ...ci.q.map((q) => formatNumber(q.q)),
    ci.verdict ?? `no interval: ${ci.reason ?? 'undefined'}`,
  ]);
  const qHeads = r.alpha_min.map((a) => `q(α < ${a.toFixed(3)})`);
  return `${head}\n${renderTable(['figure', 'documents', 'α', `${pct} CI`, ...qHeads, 'verdict'], rows)}\n`;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 rows, CRLF-terminated. */
export function csvLines(rows: readonly (readonly (string | number | null)[])[]): string {
  return rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('');
}

/** The report as three CSV files for spreadsheets; numbers at full precision, empty for undefined. */
export function agreementCsv(report: AgreementReport): { perDocument: string; perLabel: string; perPair: string } {
  const labels = report.labels;
  const perDocument = csvLines([
    ['document', 'length', 'annotators', 'alpha_u_overall', ...labels.map((l) => `alpha_u:${l}`)],
    ...report.per_document.map((d) => [
      d.id,
      d.length,
      d.annotators.join(';'),
      d.alpha_u.overall,
      ...labels.map((l) => d.alpha_u.per_label[l] ?? null),
    ]),
  ]);
  const s = report.spans;
  const perLabel = csvLines([
    ['scope', 'label', 'alpha_u', 'fleiss_kappa_char'],
    ['overall', '', s.alpha_u.overall, s.fleiss_kappa_char.overall],
    ...labels.map((l) => ['label', l, s.alpha_u.per_label[l] ?? null, s.fleiss_kappa_char.per_label[l] ?? null]),
  ]);
  const perPair = csvLines([
    ['a', 'b', 'documents', 'scope', 'label', 'f1_exact', 'f1_overlap', 'cohen_kappa_char'],
    ...s.pairs.flatMap((p) => [
      [p.a, p.b, p.documents, 'overall', '', p.f1_exact.overall, p.f1_overlap.overall, p.cohen_kappa_char.overall],
      ...labels.map((l) => [
        p.a,
        p.b,
        p.documents,
        'label',
        l,
        p.f1_exact.per_label[l] ?? null,
        p.f1_overlap.per_label[l] ?? null,
        p.cohen_kappa_char.per_label[l] ?? null,
      ]),
    ]),
  ]);
  return { perDocument, perLabel, perPair };
}
