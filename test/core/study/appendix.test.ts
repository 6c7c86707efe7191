import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../src/core/formats/csv';
import {
  type AppendixInput,
  appendix,
  appendixLatexTable,
  appendixMarkdown,
  roundReportFiles,
} from '../../../src/core/study/appendix';
import { type RoundSummary, roundFigures, summaryVariables } from '../../../src/core/study/figures';
import { CHANGELOG, CODEBOOK, closedRound } from './fixture';
import { nominalAlpha } from './nominalAlpha';

function input(): AppendixInput {
  const { round, base, gold } = closedRound();
  const figures = roundFigures(round, base, { draws: 300, seed: 4 });
  const training: RoundSummary = {
    round: 'Pilot',
    kind: 'training',
    openedAt: '2025-02-01',
    closedAt: '2025-02-10',
    codebookVersion: 1,
    coders: ['alice', 'bob', 'carol'],
    documents: 12,
    method: figures.intervals.method,
    draws: 300,
    seed: 4,
    level: 0.95,
    variables: summaryVariables(figures.intervals).map((v) => ({
      ...v,
      alpha: v.alpha === null ? null : v.alpha - 0.2,
    })),
  };
  return {
    project: 'Protest coverage',
    round,
    figures,
    codebook: CODEBOOK,
    changelog: CHANGELOG,
    earlier: [training],
    records: [...base.records, ...gold],
  };
}

describe('round report', () => {
  it('writes the same bytes for the same round', () => {
    expect(roundReportFiles(input())).toEqual(roundReportFiles(input()));
  });

  it('writes the appendix, the LaTeX table, the figures, the series and the reliability data', () => {
    const paths = roundReportFiles(input()).map((f) => f.path);
    expect(paths).toEqual([
      'appendix-table.tex',
      'appendix.html',
      'appendix.md',
      'figures.json',
      'reliability/kalpha/variable-01.csv',
      'reliability/kalpha/variable-02.csv',
      'reliability/kalpha/variable-03.csv',
      'reliability/kripp-alpha/variable-01.csv',
      'reliability/kripp-alpha/variable-02.csv',
      'reliability/kripp-alpha/variable-03.csv',
      'reliability/variables.csv',
      'rounds.csv',
    ]);
  });

  it('the exported matrices give the report’s document-label α under an independent α', () => {
    const inp = input();
    const files = new Map(roundReportFiles(inp).map((f) => [f.path, f.content]));
    const index = parseCsvRows(files.get('reliability/variables.csv')!).map((r) => r.cells);
    expect(index[0]).toEqual(['file', 'group', 'option', 'codes', 'coders', 'kalpha_judges']);
    const report = inp.figures.agreement.document_labels;
    for (const [file, group, option] of index.slice(1)) {
      const want =
        option === ''
          ? (report[group] as { krippendorff_alpha: number | null }).krippendorff_alpha
          : (report[group] as { options: Record<string, { krippendorff_alpha: number | null }> }).options[option]
              .krippendorff_alpha;
      expect(want).not.toBeNull();
      // irr::kripp.alpha layout: coders as rows, units as columns, NA for missing
      const kripp = parseCsvRows(files.get(`reliability/kripp-alpha/${file}.csv`)!).map((r) => r.cells);
      const units = kripp[0].slice(1);
      const byUnit = units.map((_, u) => kripp.slice(1).map((row) => (row[u + 1] === 'NA' ? null : row[u + 1])));
      expect(nominalAlpha(byUnit)).toBeCloseTo(want!, 12);
      // KALPHA layout: units as rows, one column per judge, a period for missing
      const kalpha = parseCsvRows(files.get(`reliability/kalpha/${file}.csv`)!).map((r) => r.cells);
      expect(kalpha[0][0]).toBe('unit');
      expect(kalpha.slice(1).map((r) => r[0])).toEqual(units);
      const rows = kalpha.slice(1).map((r) => r.slice(1).map((v) => (v === '.' ? null : v)));
      expect(nominalAlpha(rows)).toBeCloseTo(want!, 12);
    }
  });

  it('a missing value is NA for R and a period for KALPHA', () => {
    const inp = input();
    const doc = inp.round.sample.documents[0];
    const rec = inp.figures.input.records.find((r) => r.document === doc && r.annotator === 'bob')!;
    rec.docLabels = { Frames: rec.docLabels.Frames };
    const figures = roundFigures(inp.round, { ...inp.figures.input, annotators: undefined }, { draws: 50 });
    const files = new Map(roundReportFiles({ ...inp, figures }).map((f) => [f.path, f.content]));
    const stance = parseCsvRows(files.get('reliability/variables.csv')!).find((r) => r.cells[1] === 'Stance')!.cells[0];
    const kripp = parseCsvRows(files.get(`reliability/kripp-alpha/${stance}.csv`)!).map((r) => r.cells);
    const col = kripp[0].indexOf(doc);
    expect(kripp.find((r) => r[0] === 'bob')![col]).toBe('NA');
    const kalpha = parseCsvRows(files.get(`reliability/kalpha/${stance}.csv`)!).map((r) => r.cells);
    const bobCol = kalpha[0].indexOf('bob');
    expect(kalpha.find((r) => r[0] === doc)![bobCol]).toBe('.');
  });

  it('appendix.md: sample and its draw, coders, the table with intervals and q, codebook changes, settlement', () => {
    const md = appendixMarkdown(appendix(input()));
    expect(md).toMatch(/stratified by outlet with proportional allocation/);
    expect(md).toMatch(/with seed 11\./);
    expect(md).toMatch(/3 coders \(alice, bob and carol\) coded the documents independently with version 2/);
    expect(md).toMatch(/Before it, coders were trained in round “Pilot”/);
    expect(md).toMatch(/\| Variable \| Documents \| α \| 95% CI \| q\(α \\< \.800\) \| q\(α \\< \.667\) \| Verdict \|/);
    expect(md).toMatch(/\| All span labels \(α\\_U\) \| 30 \| 0\.\d{3} \| 0\.\d{3} – 0\.\d{3} \|/);
    expect(md).toMatch(/Version 1 → 2, 2025-02-20, by lead: “coders mixed up victims and bystanders”/);
    expect(md).toMatch(/\| unanimous \| 2 \| 0 \| 0 \| 0 \| 0 \| 2 \|/);
    expect(md).toMatch(/\| guideline-gap \| 0 \| 0 \| 0 \| 0 \| 2 \| 2 \|/);
    expect(md).toMatch(/## Round by round/);
    expect(md).toMatch(/irr::kripp\.alpha\(m, method = "nominal"\)/);
    expect(md).toMatch(/KALPHA judges = alice bob carol\/level = 1/);
    expect(md).not.toMatch(/<script>/);
    expect(md).toMatch(/\\<script\\>alert\(1\)\\<\/script\\>/);
  });

  it('says which order “next document” followed, and when the setting changed during the round', () => {
    const base = input();
    expect(appendixMarkdown(appendix(base))).not.toMatch(/Next document/);
    const list = { ...base, round: { ...base.round, documentOrder: 'list' as const } };
    expect(appendixMarkdown(appendix(list))).toMatch(
      /“Next document” followed the document list’s order when the round opened and when it closed\./,
    );
    const changed = { ...base, round: { ...list.round, closingDocumentOrder: 'uncertainty' as const } };
    expect(appendixMarkdown(appendix(changed))).toMatch(
      /followed the document list’s order when the round opened; the setting was changed during the round and it followed the model’s uncertainty/,
    );
  });

  it('appendix.html: escaped, self-contained, nothing fetched from anywhere', () => {
    const html = roundReportFiles(input()).find((f) => f.path === 'appendix.html')!.content;
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(html).not.toMatch(/\b(src|href)=|https?:|url\(|@import/i);
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).toMatch(/<svg viewBox/);
  });

  it('appendix-table.tex: booktabs, escaped names, withheld intervals explained in notes', () => {
    const tex = roundReportFiles(input()).find((f) => f.path === 'appendix-table.tex')!.content;
    expect(tex).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    expect(tex).toMatch(/All span labels \(\$\\alpha_U\$\) & 30 &/);
    expect(tex).toMatch(/Victim \\& "bystander"/);
    expect(tex).toMatch(/Frames: Security\\_100\\%/);
    expect(tex).toContain('\\textless{}script\\textgreater{}alert(1)\\textless{}/script\\textgreater{}');
    expect(tex).toMatch(/\$q_\{\.800\}\$ & \$q_\{\.667\}\$/);
  });

  it('says which codebook versions between two rounds were made without a recorded reason', () => {
    const inp = input();
    const md = appendixMarkdown(appendix({ ...inp, changelog: [] }));
    expect(md).toMatch(
      /Version 2 was made without a recorded reason \(for instance labels an import added\); the versions the two rounds froze are kept in the project as codebooks\/v1\.json and codebooks\/v2\.json\./,
    );
    expect(appendixMarkdown(appendix(inp))).not.toMatch(/without a recorded reason/);
  });

  it('a two-document pilot: no interval, no verdict, and the reason in every format', () => {
    const { round, base, gold } = closedRound(6, 2);
    const figures = roundFigures(round, base, { draws: 100 });
    const inp: AppendixInput = {
      project: 'P',
      round,
      figures,
      codebook: CODEBOOK,
      changelog: [],
      records: [...base.records, ...gold],
    };
    const md = appendixMarkdown(appendix(inp));
    expect(md).toMatch(
      /\| All span labels \(α\\_U\) \| 2 \| -?\d\.\d{3} \| — \| — \| — \| no interval: 2 documents carry this figure; an interval needs at least 10 \|/,
    );
    expect(md).not.toMatch(/\| (reliable|tentative|unreliable|inconclusive) \|/);
    const tex = appendixLatexTable(appendix(inp));
    expect(tex).toMatch(
      /No interval: \\textsuperscript\{a\}~2 documents carry this figure; an interval needs at least 10\./,
    );
    expect(md).toMatch(/No change was recorded before this round\./);
  });
});
