// The round-trip check behind `framelens import … --verify` and the wizard's preview: what was read is written
// back in the source format, with the source's own offsets and layout, read again, and every span (and text,
// document label or status the format carries) that would not come back identical is listed.
import type { DocLabelValue, Memo, Span } from '../model';
import { OffsetMap } from '../offsets';
import { stableLine } from '../stableJson';
import { orderedSpans } from './common';
import { defaultStatus } from './jsonl';
import { asSourceFiles, exportWith, type ParseResult, parseFiles } from './registry';
import type { CommonImportOptions, DefinedCodebook, ExportInput, ExportRecord, Format, InterchangeLine } from './types';

/** One thing that would not come back identical. */
export interface VerifyIssue {
  document: string;
  annotator: string | null;
  span?: Span;
  problem: string;
}

function key(s: Span, withNote: boolean, withId: boolean): string {
  return `${s.start}\u0000${s.end}\u0000${s.label}\u0000${withNote ? (s.note ?? '\u0001') : ''}\u0000${withId ? (s.id ?? '') : ''}`;
}

function sameLabels(a: Record<string, DocLabelValue>, b: Record<string, DocLabelValue>): boolean {
  const norm = (x: Record<string, DocLabelValue>) =>
    JSON.stringify(
      Object.keys(x)
        .sort()
        .map((k) => [k, x[k]]),
    );
  return norm(a) === norm(b);
}

/** The export input a set of parsed lines describes (first text of each id; one record per id and annotator). */
export function exportInputOf(lines: InterchangeLine[]): ExportInput {
  const documents = new Map<string, ExportInput['documents'][number]>();
  const records = new Map<string, ExportRecord>();
  for (const l of lines) {
    if (!documents.has(l.id))
      documents.set(l.id, { id: l.id, text: l.text, meta: l.meta, ...(l.tokens ? { tokens: l.tokens } : {}) });
    if (!l.annotator) continue;
    records.set(`${l.id}\u0000${l.annotator}`, {
      document: l.id,
      annotator: l.annotator,
      status: defaultStatus(l),
      ...orderedSpans(l.spans, l.relations),
      docLabels: l.docLabels,
    });
  }
  return { documents: [...documents.values()], records: [...records.values()] };
}

function firstDifference(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/**
 * Every span, text, document label and status (as far as the format carries each) of `lines` that a
 * write-back in `format` and a re-read would not give back identically.
 */
export function verifyRoundTrip(
  // biome-ignore lint/suspicious/noExplicitAny: any format's options
  format: Format<any, any>,
  lines: InterchangeLine[],
  importOptions: CommonImportOptions & Record<string, unknown>,
  exportOptions: Record<string, unknown>,
  defined: { codebook?: DefinedCodebook; memos?: Memo[] } = {},
): VerifyIssue[] {
  if (!format.format || !format.parse) return [];
  const input: ExportInput = {
    ...exportInputOf(lines),
    ...(defined.codebook ? { codebook: defined.codebook } : {}),
    ...(defined.memos?.length ? { memos: defined.memos } : {}),
  };
  const issues: VerifyIssue[] = [];
  let out: ReturnType<typeof exportWith>;
  try {
    out = exportWith(format, input, {
      ...exportOptions,
      ...(importOptions.offsets ? { offsets: importOptions.offsets } : {}),
    });
  } catch (error) {
    const problem = `cannot be written back as ${format.name}: ${(error as Error).message}`;
    return input.records.length
      ? input.records.map((r) => ({ document: r.document, annotator: r.annotator, problem }))
      : [{ document: '', annotator: null, problem }];
  }
  const annotators = [...new Set(input.records.map((r) => r.annotator))];
  const reimport: CommonImportOptions & Record<string, unknown> = {
    ...(importOptions.offsets ? { offsets: importOptions.offsets } : {}),
    ...(annotators.length === 1 ? { annotator: annotators[0] } : {}),
  };
  if (format.importOptions.some((o) => o.key === 'annotatorFromFolder')) reimport.annotatorFromFolder = true;
  if (format.importOptions.some((o) => o.key === 'spanLabel') && importOptions.spanLabel !== undefined)
    reimport.spanLabel = importOptions.spanLabel;
  let again: ParseResult;
  try {
    again = parseFiles(format, asSourceFiles(out, `verify.${format.name}`), reimport);
  } catch (error) {
    return [
      {
        document: '',
        annotator: null,
        problem: `the written-back file cannot be read again: ${(error as Error).message}`,
      },
    ];
  }
  issues.push(...definedIssues(format, defined, again));
  const back = exportInputOf(again.lines);
  const docsBack = new Map(back.documents.map((d) => [d.id, d]));
  for (const d of input.documents) {
    const b = docsBack.get(d.id);
    if (!b) issues.push({ document: d.id, annotator: null, problem: 'the document does not come back' });
    else if (b.text !== d.text) {
      const at = firstDifference(d.text, b.text);
      issues.push({
        document: d.id,
        annotator: null,
        problem: `the text comes back different from code point ${at} (${JSON.stringify([...d.text].slice(at, at + 12).join(''))} → ${JSON.stringify([...b.text].slice(at, at + 12).join(''))})`,
      });
    }
  }
  const withNote = format.carries.includes('notes');
  const withId = format.carries.includes('span ids');
  const recordsBack = new Map(back.records.map((r) => [`${r.document}\u0000${r.annotator}`, r]));
  for (const r of input.records) {
    const b = recordsBack.get(`${r.document}\u0000${r.annotator}`);
    const backSpans = b?.spans ?? [];
    // Spans read with an id must come back with it; a span read without one may come back with any.
    const pool = new Map<string, number>();
    const add = (k: string) => pool.set(k, (pool.get(k) ?? 0) + 1);
    for (const x of backSpans) add(key(x, withNote, withId && x.id !== undefined));
    const take = (k: string) => {
      const n = pool.get(k) ?? 0;
      if (n > 0) pool.set(k, n - 1);
      return n > 0;
    };
    const text = input.documents.find((d) => d.id === r.document)?.text ?? '';
    const map = new OffsetMap(text);
    const ordered = [...r.spans.filter((x) => x.id !== undefined), ...r.spans.filter((x) => x.id === undefined)];
    for (const s of ordered) {
      if (take(key(s, withNote, withId && s.id !== undefined))) continue;
      const loose = key(s, withNote, false);
      if (
        s.id === undefined &&
        backSpans.some((x) => x.id !== undefined && key(x, withNote, false) === loose && take(key(x, withNote, withId)))
      )
        continue;
      const near = backSpans.find((x) => x.label === s.label && x.start < s.end && s.start < x.end);
      const what = near
        ? near.start !== s.start || near.end !== s.end
          ? `comes back as ${near.start}-${near.end}`
          : near.note !== s.note
            ? `comes back with the note ${JSON.stringify(near.note ?? null)}`
            : `comes back with the id ${JSON.stringify(near.id ?? null)}`
        : 'does not come back';
      const covered = text.slice(
        map.toUtf16(Math.min(s.start, map.codePoints)),
        map.toUtf16(Math.min(s.end, map.codePoints)),
      );
      issues.push({
        document: r.document,
        annotator: r.annotator,
        span: s,
        problem: `span ${s.start}-${s.end} ${JSON.stringify(s.label)} (${JSON.stringify(covered.slice(0, 40))}) ${what}`,
      });
    }
    if (format.carries.includes('document labels') && !sameLabels(r.docLabels, b?.docLabels ?? {}))
      issues.push({
        document: r.document,
        annotator: r.annotator,
        problem: 'the document labels do not come back identical',
      });
    if (format.carries.includes('relations')) {
      const ends = (x: ExportRecord) =>
        (x.relations ?? [])
          .map((l) => {
            const [f, t] = [x.spans[l.from], x.spans[l.to]];
            return `${f.start}:${f.end}:${f.label} ${JSON.stringify(l.type)} ${t.start}:${t.end}:${t.label}`;
          })
          .sort();
      // A multiset: two spans may share offsets and label, and each may carry the same relation.
      const back = new Map<string, number>();
      for (const e of b ? ends(b) : []) back.set(e, (back.get(e) ?? 0) + 1);
      for (const e of ends(r)) {
        const n = back.get(e) ?? 0;
        if (n > 0) back.set(e, n - 1);
        else issues.push({ document: r.document, annotator: r.annotator, problem: `relation ${e} does not come back` });
      }
      for (const [e, n] of back)
        if (n > 0)
          issues.push({ document: r.document, annotator: r.annotator, problem: `relation ${e} comes back unasked` });
    }
    if (format.carries.includes('status') && b && b.status !== r.status)
      issues.push({
        document: r.document,
        annotator: r.annotator,
        problem: `status ${r.status} comes back as ${b.status}`,
      });
  }
  return issues;
}

/** The labels, groups and memos a source defines, as far as the format carries them, against a re-read. */
function definedIssues(
  // biome-ignore lint/suspicious/noExplicitAny: any format's options
  format: Format<any, any>,
  defined: { codebook?: DefinedCodebook; memos?: Memo[] },
  again: ParseResult,
): VerifyIssue[] {
  const issues: VerifyIssue[] = [];
  if (format.carries.includes('codebook') && defined.codebook) {
    const changed = (
      mine: readonly { name: string }[],
      theirs: readonly { name: string }[] = [],
      say: (name: string, found: boolean) => string,
    ) => {
      const back = new Map(theirs.map((x) => [x.name, stableLine(x)]));
      for (const x of mine)
        if (back.get(x.name) !== stableLine(x))
          issues.push({ document: '', annotator: null, problem: say(JSON.stringify(x.name), back.has(x.name)) });
    };
    changed(
      defined.codebook.spanLabels,
      again.codebook?.spanLabels,
      (name, found) =>
        `label ${name} ${found ? 'comes back with another colour, group or description' : 'does not come back'}`,
    );
    changed(
      defined.codebook.docLabels,
      again.codebook?.docLabels,
      (name) => `document-label group ${name} does not come back identical`,
    );
  }
  if (format.carries.includes('memos'))
    for (const m of defined.memos ?? []) {
      const b = again.memos.find((x) => x.id.toLowerCase() === m.id.toLowerCase() && x.annotator === m.annotator);
      if (!b || stableLine({ ...b, id: '' }) !== stableLine({ ...m, id: '' }))
        issues.push({
          document: m.target.kind === 'document' || m.target.kind === 'range' ? m.target.document : '',
          annotator: m.annotator,
          problem: `memo ${m.id} ${b ? 'comes back different' : 'does not come back'}`,
        });
    }
  return issues;
}
