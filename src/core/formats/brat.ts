// brat standoff: a `.txt` with the text and an `.ann` beside it. Offsets count characters of brat's Python
// string: brat reads the .txt as UTF-8 without dropping a BOM and without newline translation, so a BOM
// and every CR count, and the text is kept exactly so the offsets mean what brat meant.
//
// T lines become spans that keep their T id; a discontinuous `T1 Label 0 5;10 15` becomes one span per
// fragment with ids `T1:1`, `T1:2`, and an export joins them back into one T line. `#` notes on a T become
// the span's note, one line per note: AnnotatorNotes as written, other note types as `[Type] text`, so the
// type is written back. `R` lines become relations between the spans of their T arguments (a `#` note on
// an R becomes the relation's note); a relation to an event or to a T that was dropped has no place, nor
// have events, attributes, normalizations and equivalences: the import refuses them unless they are named
// with --drop.
import type { Span } from '../model';
import { spanText } from '../text';
import {
  annotatorsOf,
  checkId,
  cmp,
  FormatError,
  fileStem,
  isSpanId,
  OffsetMap,
  recordsByDocument,
  sortedDocuments,
  splitLines,
  stripBom,
  textFiles,
} from './common';
import { type AnnotatorFromFolderOption, annotatorFromFolder } from './sharedOptions';
import type { ExportRecord, Format, InterchangeLine, LineRelation, ParseContext, TextFile } from './types';

/** The marker that tells the importer a visual.conf was written by Frame Lens and maps types to labels. */
const BRAT_VISUAL_MARKER = '# Frame Lens: brat type | label';

const NOTE_TYPE = /^\[([A-Za-z][A-Za-z0-9_-]*)\] /;
const FRAGMENT_ID = /^(T\d+):(\d+)$/;

type BratImportOptions = AnnotatorFromFolderOption;

interface TextBound {
  spans: Span[];
  line: number;
}

/** Reads one document: its text and (optionally) its annotations. */
export function parseBratDocument(
  txt: TextFile,
  ann: TextFile | null,
  annotator: string | undefined,
  labels: Map<string, string> | undefined,
  ctx: ParseContext,
): InterchangeLine {
  const id = checkId(fileStem(txt.path), txt.path, 0);
  const text = txt.text;
  const line: InterchangeLine = { id, text, meta: {}, spans: [], docLabels: {}, where: { file: txt.path, line: 0 } };
  if (!ann || stripBom(ann.text).trim() === '') return line;
  if (annotator) checkId(annotator, ann.path, 0, 'annotator');
  line.where = { file: ann.path, line: 0 };
  const map = new OffsetMap(text);
  const textBound = new Map<string, TextBound>();
  const notes: { target: string; type: string; text: string; line: number }[] = [];
  const rLines = new Map<string, { type: string; arg1: string; arg2: string; line: number; note?: string }>();
  for (const [index, raw] of splitLines(stripBom(ann.text)).entries()) {
    const n = index + 1;
    if (raw.trim() === '') continue;
    const kind = raw[0];
    const tab = raw.indexOf('\t');
    const aid = tab >= 0 ? raw.slice(0, tab) : raw.split(/\s/)[0];
    if (kind === 'T') {
      if (tab < 0) throw new FormatError(ann.path, n, 'a T line needs an id, a tab, then "Type start end"');
      const rest = raw.slice(tab + 1);
      const tab2 = rest.indexOf('\t');
      const head = tab2 >= 0 ? rest.slice(0, tab2) : rest;
      const covered = tab2 >= 0 ? rest.slice(tab2 + 1) : null;
      const space = head.indexOf(' ');
      if (space <= 0) throw new FormatError(ann.path, n, `${aid}: expected "Type start end"`);
      const type = head.slice(0, space);
      const offsets: { start: number; end: number }[] = [];
      for (const f of head.slice(space + 1).split(';')) {
        const m = /^(\d{1,15}) (\d{1,15})$/.exec(f.trim());
        if (!m) throw new FormatError(ann.path, n, `${aid}: offsets are not "start end"`);
        const start = Number(m[1]);
        const end = Number(m[2]);
        if (end < start) throw new FormatError(ann.path, n, `${aid}: end ${end} is before start ${start}`);
        if (end > map.codePoints)
          throw new FormatError(
            ann.path,
            n,
            `${aid}: end ${end} is past the end of the text (${map.codePoints} code points)`,
          );
        offsets.push({ start, end });
      }
      if (textBound.has(aid)) throw new FormatError(ann.path, n, `${aid} is defined twice`);
      if (covered !== null) {
        const actual = offsets.map((o) => spanText(text, o, map)).join(' ');
        if (squash(actual) !== squash(covered))
          throw new FormatError(
            ann.path,
            n,
            `${aid}: the offsets cover ${JSON.stringify(actual.slice(0, 60))}, the line says ${JSON.stringify(covered.slice(0, 60))} (wrong encoding or a changed .txt?)`,
          );
      }
      const label = labels?.get(type) ?? type;
      const spans: Span[] = [];
      offsets.forEach((o, i) => {
        const sid = offsets.length > 1 ? `${aid}:${i + 1}` : aid;
        if (o.end === o.start) {
          ctx.drop('empty-spans', ann.path, n, `${aid} fragment ${o.start}-${o.end}`);
          return;
        }
        spans.push({ ...(isSpanId(sid) ? { id: sid } : {}), start: o.start, end: o.end, label });
      });
      if (offsets.length > 1)
        ctx.warn('discontinuous T annotations stored as one span per fragment (ids T1:1, T1:2…)', aid);
      textBound.set(aid, { spans, line: n });
    } else if (kind === '#') {
      const parts = raw.split('\t');
      const [type, target] = (parts[1] ?? '').split(' ');
      notes.push({ target: target ?? '', type: type ?? '', text: parts.slice(2).join('\t'), line: n });
    } else if (kind === 'R') {
      const m = /^(\S+) Arg1:(\S+) Arg2:(\S+)\s*$/.exec(tab >= 0 ? raw.slice(tab + 1).split('\t')[0] : '');
      if (!m) throw new FormatError(ann.path, n, `${aid}: expected "Type Arg1:T1 Arg2:T2"`);
      if (rLines.has(aid)) throw new FormatError(ann.path, n, `${aid} is defined twice`);
      rLines.set(aid, { type: labels?.get(m[1]) ?? m[1], arg1: m[2], arg2: m[3], line: n });
    } else if (kind === 'E') ctx.drop('events', ann.path, n, aid);
    else if (kind === 'A' || kind === 'M') ctx.drop('attributes', ann.path, n, aid);
    else if (kind === 'N') ctx.drop('normalizations', ann.path, n, aid);
    else if (kind === '*') ctx.drop('equivalences', ann.path, n, raw.slice(0, 40));
    else
      throw new FormatError(
        ann.path,
        n,
        `not a brat annotation line (starts with ${JSON.stringify(raw.slice(0, 20))})`,
      );
  }
  for (const note of notes) {
    const tb = textBound.get(note.target);
    const r = rLines.get(note.target);
    if (r) {
      const lineText = note.type === 'AnnotatorNotes' ? note.text : `[${note.type}] ${note.text}`;
      r.note = r.note === undefined ? lineText : `${r.note}\n${lineText}`;
      continue;
    }
    if (!tb) {
      ctx.drop('note-targets', ann.path, note.line, `${note.type} on ${note.target || '(nothing)'}`);
      continue;
    }
    const lineText = note.type === 'AnnotatorNotes' ? note.text : `[${note.type}] ${note.text}`;
    tb.spans = tb.spans.map((s) => ({ ...s, note: s.note === undefined ? lineText : `${s.note}\n${lineText}` }));
  }
  const first = new Map<string, number>();
  for (const [tid, tb] of textBound) {
    if (tb.spans.length) first.set(tid, line.spans.length);
    line.spans.push(...tb.spans);
  }
  const relations: LineRelation[] = [];
  const seen = new Set<string>();
  for (const [rid, r] of rLines) {
    const from = first.get(r.arg1);
    const to = first.get(r.arg2);
    const why =
      from === undefined || to === undefined
        ? 'an argument is not a kept T span'
        : from === to
          ? 'links a span to itself'
          : seen.has(`${from}>${to}>${r.type}`)
            ? 'repeats a relation of the same type between the same spans'
            : null;
    if (why !== null || from === undefined || to === undefined) {
      ctx.drop('relations', ann.path, r.line, `${rid} ${r.type} ${r.arg1} → ${r.arg2} (${why})`);
      continue;
    }
    seen.add(`${from}>${to}>${r.type}`);
    relations.push({ from, to, type: r.type, ...(r.note !== undefined ? { note: r.note } : {}) });
  }
  if (relations.length) line.relations = relations;
  if (annotator) line.annotator = annotator;
  return line;
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Reads visual.conf's `[labels]` section (`Type | Label | ...`) into a type → label map. */
function parseBratVisualLabels(conf: string): Map<string, string> {
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

/** Pairs each `.txt` with the `.ann` of the same name and folder; a Frame Lens `visual.conf` restores labels. */
export function* parseBrat(files: TextFile[], options: BratImportOptions & { annotator?: string }, ctx: ParseContext) {
  const byKey = new Map<string, { txt?: TextFile; ann?: TextFile }>();
  const labelsByFolder = new Map<string, Map<string, string>>();
  for (const f of files) {
    const norm = f.path.replace(/\\/g, '/');
    const slash = norm.lastIndexOf('/');
    const folder = slash >= 0 ? norm.slice(0, slash) : '';
    const name = norm.slice(slash + 1);
    if (name === 'visual.conf') {
      if (f.text.includes(BRAT_VISUAL_MARKER)) labelsByFolder.set(folder, parseBratVisualLabels(f.text));
      continue;
    }
    const ext = name.slice(name.lastIndexOf('.') + 1);
    if (ext !== 'txt' && ext !== 'ann') continue;
    const key = `${folder}/${fileStem(name)}`;
    const entry = byKey.get(key) ?? {};
    entry[ext] = f;
    byKey.set(key, entry);
  }
  for (const key of [...byKey.keys()].sort(cmp)) {
    const { txt, ann } = byKey.get(key)!;
    if (!txt)
      throw new FormatError(
        ann!.path,
        0,
        `no ${fileStem(ann!.path)}.txt beside this .ann among the files given: choose both, or their folder`,
      );
    const folder = key.slice(0, key.lastIndexOf('/'));
    const folderName = folder.split('/').pop() ?? '';
    const annotator = options.annotatorFromFolder && folderName ? folderName : options.annotator;
    yield parseBratDocument(txt, ann ?? null, annotator, labelsByFolder.get(folder), ctx);
  }
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

/** Fragments of one discontinuous T annotation (ids T1:1, T1:2… with one label) go back on one T line. */
function tLines(spans: Span[]): Span[][] {
  const groups: Span[][] = [];
  const byBase = new Map<string, Span[]>();
  for (const s of spans) {
    const m = s.id ? FRAGMENT_ID.exec(s.id) : null;
    const group = m ? byBase.get(`${m[1]}\u0000${s.label}`) : undefined;
    if (group) group.push(s);
    else {
      const g = [s];
      groups.push(g);
      if (m) byBase.set(`${m[1]}\u0000${s.label}`, g);
    }
  }
  for (const g of groups)
    g.sort((a, b) => Number(FRAGMENT_ID.exec(a.id ?? '')?.[2] ?? 0) - Number(FRAGMENT_ID.exec(b.id ?? '')?.[2] ?? 0));
  return groups;
}

/** Writes the .ann of one record: T lines (keeping T ids), R lines, then the notes. */
function formatBratAnn(
  text: string,
  record: Pick<ExportRecord, 'spans' | 'relations'> | undefined,
  types: Map<string, string>,
): string {
  const spans = record?.spans ?? [];
  const map = new OffsetMap(text);
  const groups = tLines(spans);
  const tidOf = new Map<Span, string>();
  const wanted = groups.map((g) => {
    const id = g[0].id ?? '';
    const m = FRAGMENT_ID.exec(id);
    return g.length > 1 || m ? (m?.[1] ?? '') : /^T\d+$/.test(id) ? id : '';
  });
  const used = new Set<string>();
  const ids = wanted.map((w) => {
    if (w && !used.has(w)) {
      used.add(w);
      return w;
    }
    return '';
  });
  let next = 1;
  for (const w of used) next = Math.max(next, Number(w.slice(1)) + 1);
  const out: string[] = [];
  const notes: string[] = [];
  groups.forEach((g, i) => {
    const tid = ids[i] || `T${next++}`;
    for (const s of g) tidOf.set(s, tid);
    const frags = g.map((s) => `${s.start} ${s.end}`).join(';');
    const covered = g
      .map((s) => spanText(text, s, map))
      .join(' ')
      .replace(/[\r\n\t]/g, ' ');
    out.push(`${tid}\t${types.get(g[0].label) ?? g[0].label} ${frags}\t${covered}`);
    noteLines(notes, tid, g[0].note);
  });
  (record?.relations ?? []).forEach((r, i) => {
    const rid = `R${i + 1}`;
    const a = tidOf.get(spans[r.from]);
    const b = tidOf.get(spans[r.to]);
    out.push(`${rid}\t${types.get(r.type) ?? r.type} Arg1:${a} Arg2:${b}\t`);
    noteLines(notes, rid, r.note);
  });
  const all = [...out, ...notes];
  return all.length ? `${all.join('\n')}\n` : '';
}

/** One `#` line per line of a note, the note type kept as `[Type] ` (AnnotatorNotes bare). */
function noteLines(notes: string[], target: string, note: string | undefined): void {
  if (note === undefined) return;
  for (const l of note.split(/\r\n|\r|\n/)) {
    const m = NOTE_TYPE.exec(l);
    const type = m && m[1] !== 'AnnotatorNotes' ? m[1] : 'AnnotatorNotes';
    notes.push(`#${notes.length + 1}\t${type} ${target}\t${m && type !== 'AnnotatorNotes' ? l.slice(m[0].length) : l}`);
  }
}

/** Annotation.conf listing every entity and relation type (any entity at either end), events and attributes empty. */
function formatBratAnnotationConf(entities: string[], relations: string[]): string {
  const e = [...new Set(entities)].sort(cmp);
  const r = [...new Set(relations)].sort(cmp).map((t) => `${t}\tArg1:<ENTITY>, Arg2:<ENTITY>`);
  const section = (xs: string[]) => `${xs.join('\n')}${xs.length ? '\n' : ''}`;
  return `# Written by Frame Lens.\n[entities]\n${section(e)}\n[relations]\n${section(r)}\n[events]\n\n[attributes]\n`;
}

/** Visual.conf whose [labels] section maps brat types back to the project's labels. */
function formatBratVisualConf(types: Map<string, string>): string {
  const rows = [...types.entries()]
    .sort((a, b) => cmp(a[1], b[1]))
    .map(([label, type]) => `${type} | ${label.replace(/\|/g, '/')}`);
  return `${BRAT_VISUAL_MARKER}\n[labels]\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

export const brat: Format<BratImportOptions> = {
  name: 'brat',
  title: 'brat standoff: <doc>.txt + <doc>.ann (a folder; with several annotators, a folder each)',
  extensions: ['.ann'],
  reads: ['.txt', '.ann', '.conf'],
  input: 'text',
  offsets: 'codepoint',
  folder: true,
  carries: ['documents', 'spans', 'span ids', 'notes', 'annotators', 'relations'],
  loses: [
    'metadata',
    'document labels',
    'status (a record without spans comes back as no record)',
    'line breaks inside notes become separate note lines',
    'R ids (relations are numbered anew); a relation to a fragment of a discontinuous T comes back to its first fragment',
    'relations to events, events, attributes, normalizations, equivalences (refused unless named with --drop)',
  ],
  text: {
    bom: "part of the text, as brat's offsets count it; written back",
    crlf: 'kept; every CR counts in the offsets, as in brat',
    nfc: 'kept as written',
    equalTexts: 'documents are files: equal texts under different names stay different documents',
  },
  importOptions: [annotatorFromFolder],
  exportOptions: [],
  parse(files, options, ctx) {
    return parseBrat(textFiles(files), options, ctx);
  },
  format(input) {
    const labels = input.records.flatMap((r) => r.spans.map((s) => s.label));
    const relationTypes = input.records.flatMap((r) => (r.relations ?? []).map((x) => x.type));
    const types = bratTypeNames([...labels, ...relationTypes]);
    const conf = formatBratAnnotationConf(
      labels.map((l) => types.get(l) as string),
      relationTypes.map((l) => types.get(l) as string),
    );
    const annotators = annotatorsOf(input.records);
    const byDoc = recordsByDocument(input.records);
    const files: Record<string, string> = {};
    const folders = annotators.length > 1 ? annotators.map((a) => `${a}/`) : [''];
    for (const folder of folders) {
      files[`${folder}annotation.conf`] = conf;
      files[`${folder}visual.conf`] = formatBratVisualConf(types);
      const annotator = folder ? folder.slice(0, -1) : null;
      for (const doc of sortedDocuments(input.documents)) {
        const record = (byDoc.get(doc.id) ?? []).find((r) => annotator === null || r.annotator === annotator);
        files[`${folder}${doc.id}.txt`] = doc.text;
        files[`${folder}${doc.id}.ann`] = formatBratAnn(doc.text, record, types);
      }
    }
    return { files };
  },
};
