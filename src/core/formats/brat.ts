// brat standoff: a `.txt` with the text and an `.ann` beside it. Offsets are in characters of brat's
// Python string, i.e. Unicode code points of the .txt as read (a CR counts: brat reads files without
// newline translation), so they map onto our code points directly.
//
// Import: `T` lines become spans; a discontinuous `T1 Label 0 5;10 15` becomes one span per fragment, each
// with a note saying so; `#` AnnotatorNotes on a T become the span's note; relations (R), events (E),
// attributes (A/M), normalizations (N) and equivalences (*) are skipped and counted in the warnings.
// Export: `<doc>.txt` + `<doc>.ann` (T lines and `#` AnnotatorNotes), `annotation.conf` listing the entity
// types, and `visual.conf` mapping brat type names back to the labels: brat types cannot hold spaces, so
// "Protest naming" is written as `Protest_naming` and restored from visual.conf on import.
import type { Span } from '../model';
import { spanText } from '../text';
import {
  annotatorsOf,
  assertRecordsHaveDocuments,
  checkId,
  cmp,
  type ExportInput,
  type FolderOutput,
  FormatError,
  fileStem,
  type ImportOptions,
  type ImportResult,
  type InterchangeLine,
  OffsetMap,
  recordsByDocument,
  type SourceFile,
  sortedDocuments,
  splitLines,
  stripBom,
  WarningCounter,
} from './common';

/** The marker that tells the importer a visual.conf was written by Frame Lens and maps types to labels. */
export const BRAT_VISUAL_MARKER = '# Frame Lens: brat type | label';

/** Brat import options; `annotatorFromFolder` names the annotator after each file's parent folder. */
export interface BratImportOptions extends ImportOptions {
  annotatorFromFolder?: boolean;
  /** Type name → label, usually read from a Frame Lens visual.conf. */
  labels?: Map<string, string>;
}

/** Reads one document: its text and (optionally) its annotations. */
export function parseBratDocument(
  txt: SourceFile,
  ann: SourceFile | null,
  options: BratImportOptions = {},
): ImportResult & { line: InterchangeLine } {
  const id = checkId(fileStem(txt.path), txt.path, 0);
  const text = txt.text;
  const warnings = new WarningCounter();
  const line: InterchangeLine = { id, text, meta: {}, spans: [], docLabels: {} };
  const annotator = options.annotator;
  if (annotator) checkId(annotator, ann?.path ?? txt.path, 0, 'annotator');
  if (!ann) return { lines: [line], warnings: [], line };
  const map = new OffsetMap(text);
  const textBound = new Map<string, { spans: Span[]; line: number }>();
  const notes = new Map<string, string[]>();
  const lines = splitLines(stripBom(ann.text));
  for (const [index, raw] of lines.entries()) {
    const n = index + 1;
    if (raw.trim() === '') continue;
    const kind = raw[0];
    if (kind === 'T') {
      const tab = raw.indexOf('\t');
      if (tab < 0) throw new FormatError(ann.path, n, 'a T line needs an id, a tab, then "Type start end"');
      const tid = raw.slice(0, tab);
      const rest = raw.slice(tab + 1);
      const tab2 = rest.indexOf('\t');
      const head = tab2 >= 0 ? rest.slice(0, tab2) : rest;
      const covered = tab2 >= 0 ? rest.slice(tab2 + 1) : null;
      const space = head.indexOf(' ');
      if (space <= 0)
        throw new FormatError(
          ann.path,
          n,
          `${tid}: expected "Type start end", got ${JSON.stringify(head.slice(0, 60))}`,
        );
      const type = head.slice(0, space);
      const fragments = head
        .slice(space + 1)
        .split(';')
        .map((f) => f.trim());
      const offsets: { start: number; end: number }[] = [];
      for (const f of fragments) {
        const m = /^(\d{1,15}) (\d{1,15})$/.exec(f);
        if (!m)
          throw new FormatError(ann.path, n, `${tid}: offsets ${JSON.stringify(f.slice(0, 40))} are not "start end"`);
        const start = Number(m[1]);
        const end = Number(m[2]);
        if (end <= start) throw new FormatError(ann.path, n, `${tid}: end ${end} is not after start ${start}`);
        if (end > map.codePoints)
          throw new FormatError(
            ann.path,
            n,
            `${tid}: end ${end} is past the end of the text (${map.codePoints} code points)`,
          );
        offsets.push({ start, end });
      }
      if (textBound.has(tid)) throw new FormatError(ann.path, n, `${tid} is defined twice`);
      if (covered !== null) {
        const actual = offsets.map((o) => spanText(text, o, map)).join(' ');
        if (squash(actual) !== squash(covered))
          warnings.add('T lines whose text differs from the text their offsets cover', `line ${n}`);
      }
      const label = options.labels?.get(type) ?? type;
      const spans = offsets.map((o, i) => ({
        start: o.start,
        end: o.end,
        label,
        ...(offsets.length > 1
          ? { note: `brat ${tid}: fragment ${i + 1} of ${offsets.length} of a discontinuous span` }
          : {}),
      }));
      if (offsets.length > 1) warnings.add('discontinuous T annotations imported as one span per fragment', tid);
      textBound.set(tid, { spans, line: n });
    } else if (kind === '#') {
      const parts = raw.split('\t');
      const target = (parts[1] ?? '').split(' ')[1];
      const note = parts.slice(2).join('\t').trim();
      if (target?.startsWith('T') && note) {
        const list = notes.get(target) ?? [];
        list.push(note);
        notes.set(target, list);
      } else warnings.add('notes on relations or events skipped');
    } else if (kind === 'R') warnings.add('relations (R) skipped');
    else if (kind === 'E') warnings.add('events (E) skipped; their trigger T lines are imported');
    else if (kind === 'A' || kind === 'M') warnings.add('attributes (A/M) skipped');
    else if (kind === 'N') warnings.add('normalizations (N) skipped');
    else if (kind === '*') warnings.add('equivalences (*) skipped');
    else
      throw new FormatError(
        ann.path,
        n,
        `not a brat annotation line (starts with ${JSON.stringify(raw.slice(0, 20))})`,
      );
  }
  for (const [tid, list] of notes) {
    const tb = textBound.get(tid);
    if (!tb) {
      warnings.add('notes on unknown T ids skipped', tid);
      continue;
    }
    const joined = list.join('\n');
    tb.spans = tb.spans.map((s) => ({ ...s, note: s.note ? `${joined}\n${s.note}` : joined }));
  }
  for (const tb of textBound.values()) line.spans.push(...tb.spans);
  if (annotator) line.annotator = annotator;
  return { lines: [line], warnings: warnings.list(), line };
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Reads visual.conf's `[labels]` section (`Type | Label | ...`) into a type → label map. */
export function parseBratVisualLabels(conf: string): Map<string, string> {
  const out = new Map<string, string>();
  let inLabels = false;
  for (const raw of splitLines(conf)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inLabels = line === '[labels]';
      continue;
    }
    if (!inLabels || line === '' || line.startsWith('#')) continue;
    const parts = line.split('|').map((p) => p.trim());
    if (parts.length >= 2 && parts[0] && parts[1]) out.set(parts[0], parts[1]);
  }
  return out;
}

/**
 * Reads a brat collection: pairs each `.txt` with the `.ann` of the same name and folder; a `.txt`
 * alone is a document without annotations, an `.ann` alone is an error. A Frame Lens `visual.conf` restores labels.
 */
export function parseBrat(files: SourceFile[], options: BratImportOptions = {}): ImportResult {
  const byKey = new Map<string, { txt?: SourceFile; ann?: SourceFile }>();
  const labelsByFolder = new Map<string, Map<string, string>>();
  for (const f of files) {
    const norm = f.path.replace(/\\/g, '/');
    const slash = norm.lastIndexOf('/');
    const folder = slash >= 0 ? norm.slice(0, slash) : '';
    const name = norm.slice(slash + 1);
    if (name === 'visual.conf' && f.text.includes(BRAT_VISUAL_MARKER)) {
      labelsByFolder.set(folder, parseBratVisualLabels(f.text));
      continue;
    }
    const ext = name.slice(name.lastIndexOf('.') + 1);
    if (ext !== 'txt' && ext !== 'ann') continue;
    const key = `${folder}/${fileStem(name)}`;
    const entry = byKey.get(key) ?? {};
    entry[ext] = f;
    byKey.set(key, entry);
  }
  const lines: InterchangeLine[] = [];
  const warnings: string[] = [];
  for (const key of [...byKey.keys()].sort(cmp)) {
    const { txt, ann } = byKey.get(key)!;
    if (!txt) throw new FormatError(ann!.path, 0, `no ${fileStem(ann!.path)}.txt beside this .ann`);
    const folder = key.slice(0, key.lastIndexOf('/'));
    const folderName = folder.split('/').pop() ?? '';
    const annotator = options.annotatorFromFolder && folderName ? folderName : options.annotator;
    const labels = options.labels ?? labelsByFolder.get(folder);
    const result = parseBratDocument(txt, ann ?? null, { ...options, annotator, labels });
    lines.push(...result.lines);
    warnings.push(...result.warnings.map((w) => `${ann?.path ?? txt.path}: ${w}`));
  }
  return { lines, warnings };
}

/** Brat type names hold no spaces or separators; each label gets a unique, stable type name. */
export function bratTypeNames(labels: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const label of [...new Set(labels)].sort(cmp)) {
    const base = label.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '') || 'Span';
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    out.set(label, name);
  }
  return out;
}

/** Writes the .ann of one record: T lines in span order, then AnnotatorNotes. */
export function formatBratAnn(text: string, spans: Span[], types: Map<string, string>): string {
  const map = new OffsetMap(text);
  const out: string[] = [];
  const notes: string[] = [];
  spans.forEach((s, i) => {
    const tid = `T${i + 1}`;
    const covered = spanText(text, s, map).replace(/[\r\n\t]/g, ' ');
    out.push(`${tid}\t${types.get(s.label) ?? s.label} ${s.start} ${s.end}\t${covered}`);
    if (s.note) notes.push(`#${notes.length + 1}\tAnnotatorNotes ${tid}\t${s.note.replace(/\r\n|\r|\n/g, ' ')}`);
  });
  const all = [...out, ...notes];
  return all.length ? `${all.join('\n')}\n` : '';
}

/** Annotation.conf listing every entity type, with the other sections empty. */
export function formatBratAnnotationConf(types: Map<string, string>): string {
  const names = [...new Set(types.values())].sort(cmp);
  return `# Written by Frame Lens.\n[entities]\n${names.join('\n')}${names.length ? '\n' : ''}\n[relations]\n\n[events]\n\n[attributes]\n`;
}

/** Visual.conf whose [labels] section maps brat types back to the project's labels. */
export function formatBratVisualConf(types: Map<string, string>): string {
  const rows = [...types.entries()]
    .sort((a, b) => cmp(a[1], b[1]))
    .map(([label, type]) => `${type} | ${label.replace(/\|/g, '/')}`);
  return `${BRAT_VISUAL_MARKER}\n[labels]\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/**
 * Writes a brat collection. With one annotator (or none) the files sit at the root; with several, each
 * annotator gets a folder holding every document, so brat can open each as a collection.
 */
export function formatBrat(input: ExportInput): FolderOutput {
  assertRecordsHaveDocuments(input);
  const types = bratTypeNames(input.records.flatMap((r) => r.spans.map((s) => s.label)));
  const annotators = annotatorsOf(input.records);
  const byDoc = recordsByDocument(input.records);
  const files: Record<string, string> = {};
  const folders = annotators.length > 1 ? annotators.map((a) => `${a}/`) : [''];
  for (const folder of folders) {
    files[`${folder}annotation.conf`] = formatBratAnnotationConf(types);
    files[`${folder}visual.conf`] = formatBratVisualConf(types);
    const annotator = folder ? folder.slice(0, -1) : null;
    for (const doc of sortedDocuments(input.documents)) {
      const record = (byDoc.get(doc.id) ?? []).find((r) => annotator === null || r.annotator === annotator);
      files[`${folder}${doc.id}.txt`] = doc.text;
      files[`${folder}${doc.id}.ann`] = formatBratAnn(doc.text, record?.spans ?? [], types);
    }
  }
  return { files };
}
