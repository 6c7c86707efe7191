// Conformance: reads the other tools' sample files in ../shared/interop through our parsers and checks what
// each sample lets us check; runs the import's round-trip check (`import --verify`) on every sample, which must
// list nothing; and checks that the agreement tests' copy of the published vectors still equals
// ../shared/agreement/published-vectors.json. Prints one line per file (`ok` / `FAIL reason`), then a summary
// JSON; exits 1 on any failure. Run: node bin/run-ts.js scripts/conformance.ts
// The shared folder is ../shared beside the repository, or FRAMELENS_SHARED.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { importIntoProject } from '../src/backend/importer';
import { Project } from '../src/backend/project';
import { cleanScrapedText } from '../src/core/cleanup';
import { FormatError } from '../src/core/formats/common';
import { exportWith, formatNamed, isFolderOutput, parseFiles } from '../src/core/formats/registry';
import { DROP_KINDS, type DropKind, type InterchangeLine, type TextFile } from '../src/core/formats/types';
import { OffsetMap } from '../src/core/offsets';
import { spanText } from '../src/core/text';
import { PUBLISHED_VECTORS } from '../test/core/agreement/fixtures/publishedVectors';

const shared = process.env.FRAMELENS_SHARED ?? join(import.meta.dirname, '..', '..', 'shared');
const interop = join(shared, 'interop');
const results: { file: string; status: 'ok' | 'skip' | 'FAIL'; detail: string }[] = [];

function report_(file: string, status: 'ok' | 'skip' | 'FAIL', detail: string): void {
  results.push({ file, status, detail });
  console.log(
    `${status === 'FAIL' ? 'FAIL' : status} ${file}${detail ? ` ${status === 'FAIL' ? '' : '('}${detail}${status === 'FAIL' ? '' : ')'}` : ''}`,
  );
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function rel(path: string): string {
  return relative(shared, path);
}

function parseAs(format: string, files: TextFile[], options: Record<string, unknown> = {}) {
  const f = formatNamed(format);
  if (!f) throw new Error(`no format ${format}`);
  return parseFiles(f, files, options);
}
const parseBrat = (files: TextFile[], options: Record<string, unknown>) => parseAs('brat', files, options);
const parseWebannoTsv = (path: string, text: string, options: Record<string, unknown> = {}) =>
  parseAs('webanno-tsv', [{ path, text }], options);
const parseDoccano = (path: string, text: string, options: Record<string, unknown> = {}) =>
  parseAs('doccano', [{ path, text }], options);
const parseConll = (path: string, text: string, options: Record<string, unknown> = {}) =>
  parseAs('conll', [{ path, text }], options);
const parseLabelStudio = (path: string, text: string, options: Record<string, unknown> = {}) =>
  parseAs('label-studio', [{ path, text }], options);

/** Every span inside its text, ends after starts. */
function spansInside(lines: InterchangeLine[]): string | null {
  for (const l of lines) {
    const map = new OffsetMap(l.text);
    for (const s of l.spans) {
      if (!(s.start >= 0 && s.end > s.start && s.end <= map.codePoints))
        return `document ${l.id}: span ${s.start}-${s.end} outside the text (${map.codePoints} code points)`;
    }
  }
  return null;
}

function check(file: string, fn: () => string): void {
  try {
    report_(file, 'ok', fn());
  } catch (error) {
    const e = error as Error;
    report_(
      file,
      'FAIL',
      e instanceof FormatError ? `unexpected FormatError: ${e.message}` : `${e.name}: ${e.message}`,
    );
  }
}

function expectRefusal(file: string, fn: () => unknown, pattern: RegExp, why: string): void {
  try {
    fn();
    report_(file, 'FAIL', `expected a FormatError (${why}), but it parsed`);
  } catch (error) {
    if (error instanceof FormatError && pattern.test(error.message))
      report_(file, 'ok', `refused as expected: ${error.message}`);
    else report_(file, 'FAIL', `expected a FormatError matching ${pattern} (${why}), got ${(error as Error).message}`);
  }
}

// --- brat: span count equals the fragments of the .ann T lines; each span's text equals the T line's text.
const bratDir = join(interop, 'brat', 'example-data', 'tutorials', 'news');
for (const path of walk(bratDir).filter((p) => p.endsWith('.ann'))) {
  const txtPath = path.replace(/\.ann$/, '.txt');
  check(rel(path), () => {
    const ann = read(path);
    const txt = read(txtPath);
    const { lines, warnings, dropped } = parseBrat(
      [
        { path: txtPath, text: txt },
        { path, text: ann },
      ],
      { annotator: 'conformance' },
    );
    if (lines.length !== 1) throw new Error(`expected one document, got ${lines.length}`);
    const line = lines[0];
    const tLines = ann.split('\n').filter((l) => /^T\S*\t/.test(l));
    let fragments = 0;
    const expectedTexts: string[] = [];
    const map = new OffsetMap(txt);
    for (const t of tLines) {
      const [, head, covered] = t.split('\t');
      const frags = head.slice(head.indexOf(' ') + 1).split(';');
      fragments += frags.length;
      const got = frags
        .map((f) => {
          const [a, b] = f.trim().split(' ').map(Number);
          return spanText(txt, { start: a, end: b }, map);
        })
        .join(' ');
      if (got !== covered)
        throw new Error(`T line text ${JSON.stringify(covered)} but the offsets cover ${JSON.stringify(got)}`);
      expectedTexts.push(...frags.map(() => ''));
    }
    if (line.spans.length !== fragments)
      throw new Error(`${line.spans.length} spans, the .ann has ${fragments} T fragments`);
    if (line.text !== txt) throw new Error('the document text differs from the .txt');
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const mismatch = warnings.find((w) => w.includes('differs'));
    if (mismatch) throw new Error(mismatch);
    const skipped = dropped.map((d) => `${d.count} ${d.kind}`);
    const bad = line.spans.find((s) => !ann.includes(`\t${spanText(txt, s, map)}`) && !s.id?.includes(':'));
    if (bad) throw new Error(`span ${bad.start}-${bad.end} covers text no T line names`);
    // Relations: every R line between two T lines is one relation with the same type and ends, and an
    // export and a re-import give the same relations again.
    const rLines = ann
      .split('\n')
      .map((l) => /^R\S*\t(\S+) Arg1:(T\d+) Arg2:(T\d+)/.exec(l))
      .filter((m) => m !== null)
      .map((m) => `${m[2]} ${m[1]} ${m[3]}`)
      .sort();
    const relationsOf = (l: InterchangeLine) =>
      (l.relations ?? []).map((r) => `${l.spans[r.from].id} ${r.type} ${l.spans[r.to].id}`).sort();
    const got = relationsOf(line);
    if (JSON.stringify(got) !== JSON.stringify(rLines))
      throw new Error(`relations ${JSON.stringify(got)}, the R lines say ${JSON.stringify(rLines)}`);
    const out = exportWith(
      formatNamed('brat')!,
      {
        documents: [{ id: line.id, text: line.text, meta: {} }],
        records: [
          {
            document: line.id,
            annotator: 'conformance',
            status: 'done',
            spans: line.spans,
            relations: line.relations,
            docLabels: {},
          },
        ],
      },
      {},
    );
    if (!isFolderOutput(out)) throw new Error('brat export is not a folder');
    const again = parseBrat(
      Object.entries(out.files).map(([p, text]) => ({ path: p, text })),
      { annotator: 'conformance' },
    ).lines[0];
    if (JSON.stringify(relationsOf(again)) !== JSON.stringify(got))
      throw new Error(`relations after export and re-import: ${JSON.stringify(relationsOf(again))}`);
    return `${line.spans.length} spans, ${got.length} relations back identical after export and re-import${skipped.length ? `; no place for ${skipped.join(', ')}` : ''}`;
  });
}

// --- WebAnno TSV 3: every token's text equals the rebuilt text at its (UTF-16) offsets; spans inside.
const tsvDir = join(interop, 'webanno-tsv3');
for (const path of walk(tsvDir).filter((p) => p.endsWith('.tsv'))) {
  const text = read(path);
  if (!text.startsWith('#FORMAT=WebAnno TSV 3')) {
    expectRefusal(rel(path), () => parseWebannoTsv(path, text), /not a WebAnno TSV 3 file/, 'WebAnno TSV 1/2 file');
    continue;
  }
  // Document ids come from file names; the suite's files are all called reference.tsv, user1.tsv...
  const name = `${basename(dirname(path))}-${basename(path)}`;
  check(rel(path), () => {
    const { lines, dropped } = parseWebannoTsv(name, text, { annotator: 'conformance' });
    const doc = lines[0];
    // Independent check of the token lines against the rebuilt text (UTF-16 offsets, as INCEpTION writes).
    let tokens = 0;
    for (const l of text.split('\n')) {
      const m = /^\d+-\d+(?:\.\d+)?\t(\d+)-(\d+)\t([^\t]*)\t/.exec(l);
      if (!m) continue;
      tokens++;
      const got = doc.text.slice(Number(m[1]), Number(m[2]));
      if (got !== m[3])
        throw new Error(
          `token ${JSON.stringify(m[3])} at ${m[1]}-${m[2]} but the text there is ${JSON.stringify(got)}`,
        );
    }
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const xmiPath = join(dirname(path), 'reference.xmi');
    let xmiNote = '';
    if (basename(path) === 'reference.tsv' && existsSync(xmiPath))
      xmiNote = `; ${compareXmi(path, doc, read(xmiPath))}`;
    const relationNote = tsvRelations(text, doc, dropped.find((d) => d.kind === 'relations')?.count ?? 0);
    return `${tokens} tokens, ${doc.spans.length} spans${relationNote}${xmiNote}${dropped.length ? `; no place for ${dropped.map((d) => `${d.count} ${d.kind}`).join(', ')}` : ''}`;
  });
}

/**
 * Every reference in a relation layer's `BT_` column is one relation read (or one counted as dropped), and an
 * export and a re-import give the same relations between the same spans.
 */
function tsvRelations(text: string, doc: InterchangeLine, droppedRelations: number): string {
  const lines = text.split('\n');
  let column = 3;
  const refColumns: number[] = [];
  for (const l of lines) {
    const m = /^#T_(SP|RL|CH)=(.*)$/.exec(l);
    if (!m) continue;
    const fields = m[2]
      .split('|')
      .filter((f) => f !== '')
      .slice(1);
    if (fields.length === 0) column++;
    for (const f of fields) {
      if (m[1] === 'RL' && f.startsWith('BT_')) refColumns.push(column);
      column++;
    }
  }
  let refs = 0;
  for (const l of lines) {
    if (!/^\d+-\d+/.test(l)) continue;
    const cells = l.split('\t');
    for (const c of refColumns) if (cells[c] && cells[c] !== '_') refs += cells[c].split(/(?<!\\)\|/).length;
  }
  const read = doc.relations?.length ?? 0;
  if (read + droppedRelations !== refs)
    throw new Error(`${read} relations read and ${droppedRelations} dropped, the file has ${refs} references`);
  if (!refs) return '';
  const key = (l: InterchangeLine) =>
    (l.relations ?? [])
      .map((r) => {
        const [f, t] = [l.spans[r.from], l.spans[r.to]];
        return `${f.start}-${f.end} ${f.label} ${JSON.stringify(r.type)} ${t.start}-${t.end} ${t.label}`;
      })
      .sort()
      .join('; ');
  const out = exportWith(
    formatNamed('webanno-tsv')!,
    {
      documents: [{ id: doc.id, text: doc.text, meta: {}, ...(doc.tokens ? { tokens: doc.tokens } : {}) }],
      records: [
        {
          document: doc.id,
          annotator: 'conformance',
          status: 'done',
          spans: doc.spans,
          relations: doc.relations,
          docLabels: {},
        },
      ],
    },
    {},
  );
  if (!isFolderOutput(out)) throw new Error('WebAnno TSV export is not a folder');
  const [path, again] = Object.entries(out.files)[0];
  const back = parseWebannoTsv(path, again, { annotator: 'conformance' }).lines[0];
  if (key(back) !== key(doc)) throw new Error(`relations after export and re-import: ${key(back)} (read: ${key(doc)})`);
  return `, ${read} relations back identical after export and re-import`;
}

/**
 * The suite's reference.xmi is the CAS INCEpTION wrote the .tsv from. Its text (minus the line break INCEpTION
 * appends after the last sentence, which we drop) must equal ours, and every span we read must be an
 * annotation of the CAS (same UTF-16 range). The suite's whitespace tests check that INCEpTION's writer
 * moves annotations off whitespace, so their XMI ranges (and trailing spaces) are, by design, not in the .tsv.
 */
function compareXmi(name: string, doc: InterchangeLine, xmi: string): string {
  const lossy = /Whitespace|IsMoved/.test(name);
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
    );
  const sofa = /<cas:Sofa [^>]*sofaString="([^"]*)"/.exec(xmi);
  if (!sofa) return 'reference.xmi without text';
  const xmiText = decode(sofa[1]);
  const sameText = xmiText === doc.text || xmiText === `${doc.text}\n`;
  if (!sameText && !(lossy && xmiText.trimEnd() === doc.text.trimEnd()))
    throw new Error(`text differs from reference.xmi: ${JSON.stringify(doc.text)} vs ${JSON.stringify(xmiText)}`);
  const ranges = new Set<string>();
  for (const m of xmi.matchAll(/<(\w+):(\w+) [^>]*?\bbegin="(\d+)" end="(\d+)"/g)) {
    if (['Token', 'Sentence', 'DocumentMetaData'].includes(m[2])) continue;
    if (Number(m[4]) > Number(m[3])) ranges.add(`${m[3]}-${m[4]}`);
  }
  const map = new OffsetMap(doc.text);
  const extra = doc.spans.map((s) => `${map.toUtf16(s.start)}-${map.toUtf16(s.end)}`).filter((r) => !ranges.has(r));
  if (extra.length && !lossy) throw new Error(`spans ${extra.join(', ')} are not annotations of reference.xmi`);
  return lossy
    ? 'text matches reference.xmi (whitespace test: ranges moved by design)'
    : 'text and span ranges match reference.xmi';
}

// --- doccano: offsets land inside the text; the invalid test file is refused at its line.
const doccanoDir = join(interop, 'doccano');
for (const path of walk(doccanoDir).filter((p) => p.endsWith('.jsonl'))) {
  const text = read(path);
  const lacksText = text.split('\n').some((l) => {
    try {
      const o = JSON.parse(l);
      return typeof o === 'object' && o !== null && typeof o.text !== 'string' && typeof o.column_data !== 'string';
    } catch {
      return false;
    }
  });
  if (lacksText) {
    expectRefusal(
      rel(path),
      () => parseDoccano(path, text),
      /:3: no text/,
      'line 3 has no text, as doccano itself reports',
    );
    continue;
  }
  check(rel(path), () => {
    const { lines, dropped } = parseDoccano(path, text, { annotator: 'conformance' });
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const spans = lines.reduce((n, l) => n + l.spans.length, 0);
    const raw = text.match(/\[\s*\d+\s*,\s*\d+\s*,\s*"/g)?.length ?? 0;
    const entities = text.match(/"start_offset"/g)?.length ?? 0;
    if (spans !== raw + entities) throw new Error(`${spans} spans, the file has ${raw + entities}`);
    return `${lines.length} examples, ${spans} spans${dropped.length ? `; no place for ${dropped.map((d) => `${d.count} ${d.kind}`).join(', ')}` : ''}`;
  });
}
for (const path of walk(doccanoDir).filter((p) => p.endsWith('.conll') || /sequence_labeling\/example\.txt$/.test(p))) {
  const text = read(path);
  if (path.endsWith('labeling.invalid.conll')) {
    expectRefusal(
      rel(path),
      () => parseConll(path, text),
      /:1: a tag is not O or B-\/I-/,
      'first line has no valid tag',
    );
    continue;
  }
  check(rel(path), () => {
    const { lines } = parseConll(path, text, { annotator: 'conformance' });
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const begins = text.split('\n').filter((l) => /\sB-\S+\s*$/.test(l)).length;
    const spans = lines.reduce((n, l) => n + l.spans.length, 0);
    if (spans !== begins) throw new Error(`${spans} spans, the file has ${begins} B- tags`);
    return `${spans} spans`;
  });
}

// --- Label Studio: every region's offsets land inside the text and cover value.text.
const lsDir = join(interop, 'label-studio');
for (const path of walk(lsDir).filter((p) => p.endsWith('.json'))) {
  check(rel(path), () => {
    const text = read(path);
    const { lines, warnings } = parseLabelStudio(path, text, { annotator: 'conformance' });
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const data = JSON.parse(text);
    const tasks = Array.isArray(data) ? data : [data];
    let regions = 0;
    for (const task of tasks)
      for (const a of task.annotations ?? task.completions ?? [])
        for (const r of a.result ?? []) {
          if (!r.value?.labels) continue;
          regions += r.value.labels.length;
          const docText: string = task.data.text;
          const got = spanText(docText, { start: r.value.start, end: r.value.end });
          if (r.value.text !== undefined && got !== r.value.text)
            throw new Error(
              `region ${r.id}: offsets cover ${JSON.stringify(got)}, value.text is ${JSON.stringify(r.value.text)}`,
            );
        }
    const spans = lines.reduce((n, l) => n + l.spans.length, 0);
    if (spans !== regions) throw new Error(`${spans} spans, the file has ${regions} labelled regions`);
    if (warnings.some((w) => w.includes('differs'))) throw new Error(warnings.join('; '));
    return `${lines.length} annotation(s), ${spans} spans`;
  });
}

// --- CoNLL-2003 head: B-/I- (IOB1) tags read, spans inside, token count preserved.
const conllDir = join(interop, 'conll');
for (const path of walk(conllDir).filter((p) => p.endsWith('.txt'))) {
  check(rel(path), () => {
    const text = read(path);
    const { lines } = parseConll(path, text, { annotator: 'conformance' });
    const inside = spansInside(lines);
    if (inside) throw new Error(inside);
    const tokenLines = text.split('\n').filter((l) => l.trim() && !l.startsWith('-DOCSTART-')).length;
    const tokens = lines.reduce((n, l) => n + l.text.split(/\s+/).filter(Boolean).length, 0);
    if (tokens !== tokenLines) throw new Error(`${tokens} tokens rebuilt, the file has ${tokenLines}`);
    return `${lines.length} document(s), ${tokens} tokens, ${lines.reduce((n, l) => n + l.spans.length, 0)} spans`;
  });
}

// --- The import's round-trip check on every sample: written back in its own format, every span comes back.
// Everything the tools hold that Frame Lens has no place for is allowed to drop here and listed per file.
const scratch = mkdtempSync(join(tmpdir(), 'framelens-conformance-'));
const verifyProject = await Project.create(join(scratch, 'p'), 'conformance');
const allDrops = Object.keys(DROP_KINDS) as DropKind[];
const samples: { format: string; paths: string[] }[] = [];
if (existsSync(bratDir)) samples.push({ format: 'brat', paths: [bratDir] });
for (const path of walk(tsvDir).filter((p) => p.endsWith('.tsv') && read(p).startsWith('#FORMAT=WebAnno TSV 3')))
  samples.push({ format: 'webanno-tsv', paths: [path] });
for (const path of walk(doccanoDir)) {
  if (path.endsWith('.jsonl') && !/tests\/data\/sequence_labeling\/example\.jsonl$/.test(path))
    samples.push({ format: 'doccano', paths: [path] });
  if ((path.endsWith('.conll') && !path.endsWith('invalid.conll')) || /sequence_labeling\/example\.txt$/.test(path))
    samples.push({ format: 'conll', paths: [path] });
}
for (const path of walk(lsDir).filter((p) => p.endsWith('.json')))
  samples.push({ format: 'label-studio', paths: [path] });
for (const path of walk(conllDir).filter((p) => p.endsWith('.txt'))) samples.push({ format: 'conll', paths: [path] });
for (const sample of samples) {
  const name = `verify ${rel(sample.paths[0])}`;
  try {
    const report = await importIntoProject(verifyProject, {
      ...sample,
      annotator: 'conformance',
      dryRun: true,
      verify: true,
      drop: allDrops,
    });
    const issues = report.verify ?? [];
    const dropped = report.dropped.map((d) => `${d.count} ${d.kind}`).join(', ');
    if (issues.length)
      report_(
        name,
        'FAIL',
        `${issues.length} would not come back: ${issues
          .slice(0, 3)
          .map((v) => `${v.document}: ${v.problem}`)
          .join('; ')}`,
      );
    else
      report_(
        name,
        'ok',
        `${report.summary.spans.read} spans come back identical as ${sample.format}${dropped ? `; dropped: ${dropped}` : ''}`,
      );
  } catch (error) {
    report_(name, 'FAIL', (error as Error).message);
  }
}
rmSync(scratch, { recursive: true, force: true });

// --- Published agreement vectors: the test fixture's copy equals the shared file for every vector it holds.
const vectorsPath = join(shared, 'agreement', 'published-vectors.json');
if (existsSync(vectorsPath)) {
  check(rel(vectorsPath), () => {
    const published = JSON.parse(read(vectorsPath)) as {
      metric: string;
      input: Record<string, unknown>;
      expected: unknown;
      tolerance: number;
      source: string;
    }[];
    const key = (v: { metric: string; input: Record<string, unknown> }) =>
      `${v.metric}\u0000${JSON.stringify(v.input.name ?? v.input)}`;
    const byKey = new Map(published.map((v) => [key(v), v]));
    for (const v of PUBLISHED_VECTORS) {
      const p = byKey.get(key(v));
      if (!p) throw new Error(`fixture vector ${v.metric} ${String(v.input.name ?? '')} is not in the shared file`);
      const diff = deepDiff(v.expected, p.expected, 'expected') ?? deepDiff(v.input, p.input, 'input');
      if (diff) throw new Error(`${v.metric} ${String(v.input.name ?? '')}: ${diff}`);
      if (v.tolerance !== p.tolerance)
        throw new Error(`${String(v.input.name ?? v.metric)}: tolerance ${v.tolerance} vs ${p.tolerance}`);
    }
    return `${PUBLISHED_VECTORS.length} of ${published.length} vectors checked`;
  });
} else report_('agreement/published-vectors.json', 'FAIL', `not found under ${shared}`);

function deepDiff(a: unknown, b: unknown, path: string): string | null {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-12 ? null : `${path}: ${a} ≠ ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = deepDiff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = deepDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

// The scraped seed articles: the clean-up rules must give exactly the texts of the sample project.
const rawDir = join(shared, 'corpus', 'raw');
for (const path of walk(rawDir).filter((p) => p.endsWith('.txt'))) {
  check(path, () => {
    const id = path
      .split(/[/\\]/)
      .pop()!
      .replace(/\.txt$/, '');
    const samplePath = join(import.meta.dirname, '..', 'annotations', 'documents', `${id}.json`);
    const sample = JSON.parse(read(samplePath)) as { text: string };
    const cleaned = cleanScrapedText(read(path));
    if (cleaned.text !== sample.text) throw new Error("clean-up differs from the sample project's text");
    return `clean-up gives the sample text (${cleaned.actions.length} removals: ${[...new Set(cleaned.actions.map((a) => a.kind))].join(', ')})`;
  });
}

if (!existsSync(interop)) report_('interop', 'FAIL', `not found under ${shared} (set FRAMELENS_SHARED)`);
const summary = {
  shared,
  files: results.length,
  ok: results.filter((r) => r.status === 'ok').length,
  skipped: results.filter((r) => r.status === 'skip').length,
  failed: results.filter((r) => r.status === 'FAIL').map((r) => r.file),
};
console.log(JSON.stringify(summary, null, 2));
process.exit(summary.failed.length ? 1 : 0);
