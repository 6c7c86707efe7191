// The intermediate ↔ Frame Lens, as pure functions. Users become annotators (by name), codes labels (the
// ancestors' names the group), text sources documents (variables the metadata they match), codings spans
// per coder, notes span notes and memos, sets of sources stories. What Frame Lens has no field for (GUIDs,
// other variables) comes back in `keep`, which an export takes to write the same GUIDs again.
import { PALETTE } from '../../codebook';
import { idKey, idProblem } from '../../ids';
import type { Codebook, DocLabelGroup, DocLabelValue, DocumentMeta, Span, SpanLabel } from '../../model';
import { GOLD } from '../../model';
import { codePointLength } from '../../offsets';
import { sortSpans } from '../../text';
import { type ExportInput, FormatError, fileStem, type InterchangeLine, safeId, WarningCounter } from '../common';
import { ORIGIN } from './archive';
import { type CodeFields, formatCodeFields, parseCodeFields } from './codeFields';
import { guidFor } from './guid';
import { emptyProject, guidKey, isGuid } from './read';
import type {
  Memo,
  QdcCodebook,
  QdpxCode,
  QdpxCoding,
  QdpxNote,
  QdpxProject,
  QdpxSet,
  QdpxTextSelection,
  QdpxTextSource,
  QdpxUser,
  QdpxVariable,
  QdpxVariableValue,
  VariableType,
} from './types';

/** What Frame Lens keeps of a REFI-QDA project so that exporting it again writes the same GUIDs and variables. */
export interface QdpxKeep {
  /** Annotator → the REFI-QDA user it came from. */
  users: Record<string, QdpxUser>;
  /** Span label → code GUID. */
  labels: Record<string, string>;
  /** Group → GUID of the (first) code that holds it. */
  groups: Record<string, string>;
  /** Document id → its source's GUID, name, and the variable values no metadata key took. */
  documents: Record<
    string,
    { source: string; name?: string; variables?: { name: string; type: VariableType; value: string }[] }
  >;
}

export interface QdpxImport {
  /** One line per (document, annotator) with codings, and one per document nobody coded. */
  lines: InterchangeLine[];
  codebook: Pick<Codebook, 'spanLabels' | 'docLabels'>;
  memos: Memo[];
  keep: QdpxKeep;
  warnings: string[];
}

export interface QdpxImportOptions {
  /** Names the coder of codings that name none (interchange.md `--annotator`). */
  annotator?: string;
  /** The archive's name in messages. */
  file?: string;
}

/** Metadata keys a variable maps to, by its name with case, spaces, `_` and `-` ignored. */
const VARIABLE_KEYS: Record<string, keyof DocumentMeta> = {
  title: 'title',
  headline: 'title',
  outlet: 'outlet',
  publication: 'outlet',
  newspaper: 'outlet',
  medium: 'outlet',
  published: 'published',
  date: 'published',
  publicationdate: 'published',
  publishedraw: 'publishedRaw',
  author: 'author',
  url: 'url',
  link: 'url',
  story: 'story',
  source: 'source',
};

/** The variable names an export writes, one per metadata key. */
const META_VARIABLES: [keyof DocumentMeta, string][] = [
  ['title', 'title'],
  ['outlet', 'outlet'],
  ['published', 'published'],
  ['publishedRaw', 'published_raw'],
  ['author', 'author'],
  ['url', 'url'],
  ['story', 'story'],
  ['source', 'source'],
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DOCUMENT_CODES = 'Document codes';

/** A property of a record keyed by user data ("constructor" is a fine label name), never an inherited one. */
function own<T>(obj: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A record for keys that come from user data: "__proto__" is a key like any other there. */
function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function uniqueId(raw: string, fallback: string, used: Set<string>): string {
  const base = idProblem(raw) === null ? raw : (safeId(raw) ?? fallback);
  let id = base;
  for (let k = 2; used.has(idKey(id)); k++) id = `${base.slice(0, 120)}-${k}`;
  used.add(idKey(id));
  return id;
}

function expandColor(c: string | undefined): string | undefined {
  if (c === undefined) return undefined;
  return c.length === 4 ? `#${c[1]}${c[1]}${c[2]}${c[2]}${c[3]}${c[3]}` : c;
}

function joinNotes(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => p !== undefined);
  return kept.length ? kept.join('\n\n') : undefined;
}

/** A REFI-QDA project → Frame Lens documents, codings per coder, codebook, memos. */
export function qdpxToFrameLens(project: QdpxProject, options: QdpxImportOptions = {}): QdpxImport {
  const file = options.file ?? 'project.qdpx';
  const warnings = new WarningCounter();
  const ours = project.origin?.startsWith(ORIGIN) ?? false;
  const keep: QdpxKeep = { users: dict(), labels: dict(), groups: dict(), documents: dict() };

  // Users → annotators.
  // Only a Frame Lens export may name the adjudicated layer; another tool's user called "gold" is a person.
  const usedNames = new Set<string>(ours ? [] : [idKey(GOLD)]);
  const annotatorOf = new Map<string, string>();
  for (const u of project.users) {
    let raw = u.name ?? u.id ?? '';
    if (raw === GOLD && !ours) {
      warnings.add(`a user named "${GOLD}" (the adjudicated layer's name) imported as gold-user`);
      raw = 'gold-user';
    }
    const name = uniqueId(raw, `user-${guidKey(u.guid).slice(0, 8)}`, usedNames);
    annotatorOf.set(guidKey(u.guid), name);
    keep.users[name] = u;
  }
  const annotatorFor = (guid: string | undefined): string | undefined => {
    if (guid === undefined) return undefined;
    const k = guidKey(guid);
    let name = annotatorOf.get(k);
    if (!name) {
      name = uniqueId(`user-${k.slice(0, 8)}`, `user-${k.slice(0, 8)}`, usedNames);
      annotatorOf.set(k, name);
      keep.users[name] = { guid };
      warnings.add('codings or notes by users the project does not list (named user-<GUID>)', guid);
    }
    return name;
  };
  const soleUser = project.users.length === 1 ? project.users[0].guid : undefined;
  const fallbackCoder = options.annotator ?? annotatorFor(soleUser ?? project.creatingUser);

  // Codes → span labels (codable codes) and groups (their ancestors' names).
  const spanLabels: SpanLabel[] = [];
  const docLabels: DocLabelGroup[] = [];
  const labelOf = new Map<string, string>();
  const groupOf = new Map<string, string>();
  const docGroupOf = new Map<string, { group: string; kind: 'single' | 'multiple' }>();
  const usedLabels = new Set<string>();
  const codedGuids = new Set<string>();
  for (const s of project.sources) {
    for (const sel of s.selections) for (const c of sel.codings) codedGuids.add(guidKey(c.code));
    for (const c of s.codings) codedGuids.add(guidKey(c.code));
  }
  const walk = (codes: QdpxCode[], path: string[], docGroup: { group: string; kind: 'single' | 'multiple' } | null) => {
    for (const c of codes) {
      const fields = parseCodeFields(c.description);
      const k = guidKey(c.guid);
      const group = path.length ? path.join(' / ') : undefined;
      if (docGroup) {
        docGroupOf.set(k, docGroup);
        docLabels.find((g) => g.name === docGroup.group)?.options.push(c.name);
        continue;
      }
      if (fields.docLabelGroup && ours) {
        const name = [...path, c.name].join(' / ');
        docLabels.push({
          name,
          kind: fields.docLabelGroup,
          options: [],
          ...(fields.description !== undefined ? { description: fields.description } : {}),
        });
        if (!Object.hasOwn(keep.groups, name)) keep.groups[name] = c.guid;
        groupOf.set(k, name);
        walk(c.children, [...path, c.name], { group: name, kind: fields.docLabelGroup });
        continue;
      }
      if (c.isCodable || codedGuids.has(k)) {
        if (!c.isCodable) warnings.add('codes marked not codable but used in codings imported as labels', c.name);
        let name = c.name === '' ? `code-${k.slice(0, 8)}` : c.name;
        if (usedLabels.has(name)) name = [...path, name].join(' / ');
        const base = name;
        for (let n = 2; usedLabels.has(name); n++) name = `${base} (${n})`;
        if (name !== c.name) warnings.add('codes renamed to tell apart codes of the same name', `${c.name} → ${name}`);
        usedLabels.add(name);
        const label: SpanLabel = { name, color: expandColor(c.color) ?? PALETTE[spanLabels.length % PALETTE.length] };
        if (group !== undefined) label.group = group;
        copyFields(label, fields);
        spanLabels.push(label);
        labelOf.set(k, name);
        keep.labels[name] = c.guid;
      }
      if (c.children.length) {
        const childGroup = [...path, c.name].join(' / ');
        if (!Object.hasOwn(keep.groups, childGroup)) keep.groups[childGroup] = c.guid;
        groupOf.set(k, childGroup);
      }
      walk(c.children, [...path, c.name], null);
    }
  };
  walk(project.codes, [], null);

  // Sources → documents.
  const variableById = new Map<string, QdpxVariable>(project.variables.map((v) => [guidKey(v.guid), v]));
  const casesBySource = new Map<string, QdpxVariableValue[]>();
  for (const c of project.cases)
    for (const s of c.sourceRefs)
      casesBySource.set(guidKey(s), [...(casesBySource.get(guidKey(s)) ?? []), ...c.variableValues]);
  const storiesBySource = new Map<string, string[]>();
  for (const set of project.sets)
    if (set.memberCodes.length === 0 && set.memberSources.length)
      for (const s of set.memberSources)
        storiesBySource.set(guidKey(s), [...(storiesBySource.get(guidKey(s)) ?? []), set.name]);
  const usedDocs = new Set<string>();
  const docOf = new Map<string, string>();
  const notes = new Map<string, QdpxNote>(project.notes.map((n) => [guidKey(n.guid), n]));
  const noteUsed = new Set<string>();
  const memos: Memo[] = [];
  const memoFrom = (guid: string, target: Memo['target'], fallbackAuthor?: string): void => {
    const k = guidKey(guid);
    const note = notes.get(k);
    if (!note) return;
    if (noteUsed.has(k)) {
      warnings.add('notes referred to from several places kept on the first', guid);
      return;
    }
    noteUsed.add(k);
    const annotator = annotatorFor(note.creatingUser) ?? fallbackAuthor ?? fallbackCoder ?? noAuthor();
    const memo: Memo = { id: note.guid, annotator, target, text: note.text };
    if (note.name !== undefined && note.name !== '') memo.title = note.name;
    if (note.creationDateTime) memo.createdAt = note.creationDateTime;
    if (note.modifiedDateTime) memo.updatedAt = note.modifiedDateTime;
    memos.push(memo);
  };
  const noAuthor = (): string => {
    warnings.add('notes without an author given to the annotator "unknown"');
    return 'unknown';
  };
  const noteText = (guid: string): { text: string; author?: string } | undefined => {
    const k = guidKey(guid);
    const note = notes.get(k);
    if (!note) return undefined;
    noteUsed.add(k);
    return { text: note.text, author: annotatorFor(note.creatingUser) };
  };

  for (const r of project.noteRefs) memoFrom(r, { kind: 'project' });
  const codeNotes = (codes: QdpxCode[]) => {
    for (const c of codes) {
      const k = guidKey(c.guid);
      const label = labelOf.get(k);
      const group = groupOf.get(k);
      for (const n of c.noteRefs)
        memoFrom(n, label !== undefined ? { kind: 'label', label } : { kind: 'group', group: group ?? c.name });
      codeNotes(c.children);
    }
  };
  codeNotes(project.codes);

  const lines: InterchangeLine[] = [];
  for (const source of project.sources) {
    const fromPath = source.plainTextPath ? fileStem(source.plainTextPath.replace(/^[a-z]+:\/\/\/?/i, '')) : '';
    const id = uniqueId(source.name || fromPath, `source-${guidKey(source.guid).slice(0, 8)}`, usedDocs);
    docOf.set(guidKey(source.guid), id);
    const { meta, rest } = metaOf(source, casesBySource.get(guidKey(source.guid)) ?? [], variableById, warnings, ours);
    const stories = storiesBySource.get(guidKey(source.guid)) ?? [];
    if (meta.story === undefined && stories.length) {
      meta.story = stories[0];
      if (stories.length > 1)
        warnings.add('sources in several sets: the first set is the story', `${id}: ${stories.join(', ')}`);
    }
    keep.documents[id] = {
      source: source.guid,
      ...(source.name !== undefined ? { name: source.name } : {}),
      ...(rest.length ? { variables: rest } : {}),
    };
    for (const n of source.noteRefs) memoFrom(n, { kind: 'document', document: id });
    const byCoder = new Map<string, { spans: Span[]; docLabels: Record<string, DocLabelValue> }>();
    const recordOf = (coder: string) => {
      let rec = byCoder.get(coder);
      if (!rec) {
        rec = { spans: [], docLabels: dict() };
        byCoder.set(coder, rec);
      }
      return rec;
    };
    const coderOf = (coding: QdpxCoding, selection?: QdpxTextSelection): string => {
      const coder = annotatorFor(coding.creatingUser) ?? annotatorFor(selection?.creatingUser) ?? fallbackCoder;
      if (!coder)
        throw new FormatError(
          file,
          0,
          `coding ${coding.guid} names no user and the project has several; name an annotator for it`,
        );
      return coder;
    };
    for (const sel of source.selections) {
      // NVivo writes an empty <Description /> on every selection: that is no note.
      const description = sel.description === '' ? undefined : sel.description;
      if (sel.end === sel.start) {
        warnings.add('empty selections skipped', sel.guid);
        continue;
      }
      if (sel.codings.length === 0) {
        const author = annotatorFor(sel.creatingUser);
        const target = { kind: 'range' as const, document: id, start: sel.start, end: sel.end };
        if (description !== undefined)
          memos.push({ id: sel.guid, annotator: author ?? fallbackCoder ?? noAuthor(), target, text: description });
        for (const n of sel.noteRefs) memoFrom(n, target, author);
        continue;
      }
      const selNotes = sel.noteRefs
        .map(noteText)
        .filter((x): x is { text: string; author?: string } => x !== undefined);
      const coders = sel.codings.map((c) => coderOf(c, sel));
      sel.codings.forEach((coding, i) => {
        const label = labelOf.get(guidKey(coding.code));
        if (label === undefined) {
          warnings.add('codings of document-label codes on a selection skipped', coding.guid);
          return;
        }
        const coder = coders[i];
        const mine = selNotes.filter((n) => n.author === coder || !coders.includes(n.author ?? ''));
        const codingNotes = coding.noteRefs
          .map(noteText)
          .filter((x) => x !== undefined)
          .map((x) => x.text);
        const note = joinNotes([description, ...mine.map((n) => n.text), ...codingNotes]);
        recordOf(coder).spans.push(
          note === undefined
            ? { start: sel.start, end: sel.end, label }
            : { start: sel.start, end: sel.end, label, note },
        );
      });
    }
    for (const coding of source.codings) {
      const coder = coderOf(coding);
      const k = guidKey(coding.code);
      const dg = docGroupOf.get(k);
      const rec = recordOf(coder);
      const code = findCode(project.codes, k);
      if (dg) {
        if (dg.kind === 'single') rec.docLabels[dg.group] = code?.name ?? '';
        else
          rec.docLabels[dg.group] = [
            ...((own(rec.docLabels, dg.group) as string[] | undefined) ?? []),
            code?.name ?? '',
          ];
        continue;
      }
      // A foreign whole-document coding is a document label: the group is the code's parent.
      const group = findParentPath(project.codes, k) ?? DOCUMENT_CODES;
      const value = code?.name ?? labelOf.get(k) ?? coding.code;
      rec.docLabels[group] = [...((own(rec.docLabels, group) as string[] | undefined) ?? []), value];
      let g = docLabels.find((x) => x.name === group);
      if (!g) {
        g = { name: group, kind: 'multiple', options: [] };
        docLabels.push(g);
      }
      if (!g.options.includes(value)) g.options.push(value);
      warnings.add('codings of whole documents imported as document labels', `${id}: ${group} = ${value}`);
      for (const n of coding.noteRefs) memoFrom(n, { kind: 'document', document: id }, coder);
    }
    if (byCoder.size === 0) lines.push({ id, text: source.text, meta, spans: [], docLabels: {} });
    for (const [annotator, rec] of [...byCoder.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)))
      lines.push({
        id,
        text: source.text,
        meta: { ...meta },
        annotator,
        spans: sortSpans(rec.spans),
        docLabels: rec.docLabels,
      });
  }
  for (const n of project.notes) if (!noteUsed.has(guidKey(n.guid))) memoFrom(n.guid, { kind: 'project' });
  return {
    lines,
    codebook: { spanLabels, docLabels },
    memos,
    keep,
    warnings: warnings.list().map((w) => `${file}: ${w}`),
  };
}

function copyFields(label: SpanLabel, f: CodeFields): void {
  if (f.description !== undefined) label.description = f.description;
  if (f.include !== undefined) label.include = f.include;
  if (f.exclude !== undefined) label.exclude = f.exclude;
  if (f.examples !== undefined) label.examples = f.examples;
  if (f.hotkey !== undefined) label.hotkey = f.hotkey;
}

function findCode(codes: QdpxCode[], key: string): QdpxCode | undefined {
  for (const c of codes) {
    if (guidKey(c.guid) === key) return c;
    const found = findCode(c.children, key);
    if (found) return found;
  }
  return undefined;
}

function findParentPath(codes: QdpxCode[], key: string, path: string[] = []): string | undefined {
  for (const c of codes) {
    if (guidKey(c.guid) === key) return path.length ? path.join(' / ') : undefined;
    const found = findParentPath(c.children, key, [...path, c.name]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function metaOf(
  source: QdpxTextSource,
  caseValues: QdpxVariableValue[],
  variables: Map<string, QdpxVariable>,
  warnings: WarningCounter,
  ours: boolean,
): { meta: DocumentMeta; rest: { name: string; type: VariableType; value: string }[] } {
  const meta: DocumentMeta = {};
  const rest: { name: string; type: VariableType; value: string }[] = [];
  for (const v of [...source.variableValues, ...caseValues]) {
    const def = variables.get(guidKey(v.variable));
    const name = def?.name ?? v.variable;
    const exact = ours ? META_VARIABLES.find(([, n]) => n === name) : undefined;
    if (exact && meta[exact[0]] === undefined) {
      meta[exact[0]] = v.value;
      continue;
    }
    const key = own(VARIABLE_KEYS, name.toLowerCase().replace(/[\s_-]+/g, ''));
    if (key && meta[key] === undefined && v.value !== '') {
      if (key === 'published' && !ISO_DATE.test(v.value)) {
        if (meta.publishedRaw === undefined) meta.publishedRaw = v.value;
        else rest.push({ name, type: v.type, value: v.value });
      } else meta[key] = v.value;
    } else {
      if (key && v.value !== '') warnings.add('variables that a metadata key already took kept aside', name);
      rest.push({ name, type: v.type, value: v.value });
    }
  }
  return { meta, rest };
}

/** What an export to REFI-QDA receives beyond the documents and records. */
export interface QdpxExportInput extends ExportInput {
  codebook: Pick<Codebook, 'spanLabels' | 'docLabels'>;
  memos?: Memo[];
  projectName?: string;
  keep?: Partial<QdpxKeep>;
}

export interface QdpxExport {
  project: QdpxProject;
  /** What the file cannot carry, counted, for the export to report. */
  loses: string[];
}

/** Frame Lens → a REFI-QDA project. Deterministic: the same input gives the same GUIDs. */
export function frameLensToQdpx(input: QdpxExportInput): QdpxExport {
  const keep: QdpxKeep = { users: {}, labels: {}, groups: {}, documents: {}, ...input.keep };
  const loses = new WarningCounter();
  const docs = [...input.documents].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const docIds = new Set(docs.map((d) => d.id));
  const records = [...input.records].sort((a, b) =>
    a.document < b.document
      ? -1
      : a.document > b.document
        ? 1
        : a.annotator < b.annotator
          ? -1
          : a.annotator > b.annotator
            ? 1
            : 0,
  );
  for (const r of records)
    if (!docIds.has(r.document)) throw new Error(`record of ${r.annotator} names document ${r.document}, not exported`);
  const memos = input.memos ?? [];

  const annotators = [...new Set([...records.map((r) => r.annotator), ...memos.map((m) => m.annotator)])].sort();
  const userGuid = new Map<string, string>();
  const users: QdpxUser[] = annotators.map((a) => {
    const kept = own(keep.users, a);
    const user: QdpxUser = kept ? { ...kept } : { guid: guidFor(`user/${a}`), name: a };
    if (user.name === undefined && user.id === undefined) user.name = a;
    userGuid.set(a, user.guid);
    return user;
  });

  // Codebook, written as an outline so that reading it back gives the labels in the same order: a group
  // path ("A / B") is a chain of parent codes, opened where it begins and reused while labels stay in it; a
  // label named like the group that follows it is that group's parent (as codable parents are in QDA tools).
  const used = new Set<string>();
  const claim = (kept: string | undefined, key: string): string => {
    if (kept && isGuid(kept) && !used.has(guidKey(kept))) {
      used.add(guidKey(kept));
      return kept;
    }
    let g = guidFor(key);
    for (let n = 2; used.has(guidKey(g)); n++) g = guidFor(`${key}#${n}`);
    used.add(guidKey(g));
    return g;
  };
  const codes: QdpxCode[] = [];
  const labelGuid = new Map<string, string>();
  const labelCodes = new Set<QdpxCode>();
  const groupCode = new Map<string, QdpxCode>();
  let open: { name: string; code: QdpxCode }[] = [];
  const groupMemos = new Set(memos.flatMap((m) => (m.target.kind === 'group' ? [m.target.group] : [])));
  for (const l of input.codebook.spanLabels) {
    const path = l.group === undefined ? [] : l.group.split(' / ');
    let k = 0;
    while (k < open.length && k < path.length && open[k].name === path[k]) k++;
    open = open.slice(0, k);
    for (let i = k; i < path.length; i++) {
      const siblings = i === 0 ? codes : open[i - 1].code.children;
      const last = siblings[siblings.length - 1];
      const joined = path.slice(0, i + 1).join(' / ');
      let node: QdpxCode;
      // A memo on the group needs a code of its own, or it would read back as a memo on the label.
      if (last && labelCodes.has(last) && last.name === path[i] && !groupMemos.has(joined)) node = last;
      else {
        node = {
          guid: claim(groupCode.has(joined) ? undefined : own(keep.groups, joined), `group/${joined}`),
          name: path[i],
          isCodable: false,
          noteRefs: [],
          children: [],
        };
        siblings.push(node);
      }
      if (!groupCode.has(joined)) groupCode.set(joined, node);
      open.push({ name: path[i], code: node });
    }
    const guid = claim(own(keep.labels, l.name), `label/${l.name}`);
    labelGuid.set(l.name, guid);
    const code: QdpxCode = { guid, name: l.name, isCodable: true, color: l.color, noteRefs: [], children: [] };
    const description = formatCodeFields(l);
    if (description !== undefined) code.description = description;
    labelCodes.add(code);
    (open.length ? open[open.length - 1].code.children : codes).push(code);
  }
  const optionGuid = new Map<string, string>();
  for (const g of input.codebook.docLabels) {
    const parent: QdpxCode = {
      guid: claim(own(keep.groups, g.name), `doclabels/${g.name}`),
      name: g.name,
      isCodable: false,
      noteRefs: [],
      children: g.options.map((o) => {
        const guid = claim(undefined, `doclabel/${g.name}/${o}`);
        optionGuid.set(`${g.name}\u0000${o}`, guid);
        return { guid, name: o, isCodable: true, noteRefs: [], children: [] };
      }),
    };
    const description = formatCodeFields({
      ...(g.description !== undefined ? { description: g.description } : {}),
      docLabelGroup: g.kind,
    });
    if (description !== undefined) parent.description = description;
    codes.push(parent);
  }

  // Variables: one per metadata key used, plus the kept ones.
  const variables: QdpxVariable[] = [];
  const variableGuid = new Map<string, string>();
  const variable = (name: string, type: VariableType): string => {
    const k = `${name}\u0000${type}`;
    let g = variableGuid.get(k);
    if (!g) {
      g = guidFor(`variable/${name}/${type}`);
      variableGuid.set(k, g);
      variables.push({ guid: g, name, type });
    }
    return g;
  };

  const notes: QdpxNote[] = [];
  const noteFor = (key: string, text: string, annotator: string, extra: Partial<QdpxNote> = {}): string => {
    const guid = extra.guid ?? guidFor(`note/${key}`);
    const note: QdpxNote = { guid, text, creatingUser: userGuid.get(annotator), ...extra };
    if (note.creatingUser === undefined) delete note.creatingUser;
    notes.push(note);
    return guid;
  };

  const sources: QdpxTextSource[] = [];
  const sourceOf = new Map<string, QdpxTextSource>();
  const stories = new Map<string, string[]>();
  for (const d of docs) {
    const kept = own(keep.documents, d.id);
    const guid = kept && isGuid(kept.source) ? kept.source : guidFor(`document/${d.id}`);
    const source: QdpxTextSource = {
      guid,
      name: kept?.name ?? d.id,
      text: d.text,
      selections: [],
      codings: [],
      noteRefs: [],
      variableValues: [],
    };
    for (const [key, name] of META_VARIABLES) {
      const value = d.meta[key];
      if (value === undefined) continue;
      const type: VariableType = key === 'published' && ISO_DATE.test(value) ? 'Date' : 'Text';
      source.variableValues.push({ variable: variable(name, type), type, value });
    }
    for (const v of kept?.variables ?? [])
      source.variableValues.push({ variable: variable(v.name, v.type), type: v.type, value: v.value });
    if (d.meta.story !== undefined) stories.set(d.meta.story, [...(stories.get(d.meta.story) ?? []), guid]);
    sources.push(source);
    sourceOf.set(d.id, source);
  }

  for (const r of records) {
    const source = sourceOf.get(r.document)!;
    const user = userGuid.get(r.annotator)!;
    const length = codePointLength(source.text);
    sortSpans(r.spans).forEach((s, i) => {
      if (s.end > length || s.start < 0 || s.end <= s.start)
        throw new Error(`span ${s.start}-${s.end} of ${r.annotator} lies outside document ${r.document}`);
      const key = `${r.document}/${r.annotator}/${i}/${s.start}/${s.end}/${s.label}`;
      const code = labelGuid.get(s.label);
      if (!code)
        throw new Error(
          `span label ${JSON.stringify(s.label)} of ${r.annotator} in ${r.document} is not in the codebook`,
        );
      const sel: QdpxTextSelection = {
        guid: guidFor(`selection/${key}`),
        start: s.start,
        end: s.end,
        creatingUser: user,
        codings: [{ guid: guidFor(`coding/${key}`), code, creatingUser: user, noteRefs: [] }],
        noteRefs: [],
      };
      if (s.note !== undefined) sel.noteRefs.push(noteFor(`span/${key}`, s.note, r.annotator));
      source.selections.push(sel);
    });
    for (const [group, value] of Object.entries(r.docLabels)) {
      for (const option of Array.isArray(value) ? value : [value]) {
        const code = optionGuid.get(`${group}\u0000${option}`);
        if (!code)
          throw new Error(
            `document label ${group} = ${option} of ${r.annotator} in ${r.document} is not in the codebook`,
          );
        source.codings.push({
          guid: guidFor(`doclabel/${r.document}/${r.annotator}/${group}/${option}`),
          code,
          creatingUser: user,
          noteRefs: [],
        });
      }
    }
    if (r.status !== 'in_progress') loses.add('record status (todo, done, skipped)');
    if (r.spans.length === 0 && Object.keys(r.docLabels).length === 0)
      loses.add('records without spans or document labels');
    if (Object.values(r.docLabels).some((v) => Array.isArray(v) && v.length === 0))
      loses.add('document-label groups chosen empty');
  }

  const projectNoteRefs: string[] = [];
  for (const m of memos) {
    const extra: Partial<QdpxNote> = {};
    if (isGuid(m.id)) extra.guid = m.id;
    if (m.title !== undefined) extra.name = m.title;
    if (m.createdAt !== undefined && DATE_TIME.test(m.createdAt)) extra.creationDateTime = m.createdAt;
    if (m.updatedAt !== undefined && DATE_TIME.test(m.updatedAt)) extra.modifiedDateTime = m.updatedAt;
    const t = m.target;
    if (t.kind === 'project') projectNoteRefs.push(noteFor(`memo/${m.id}`, m.text, m.annotator, extra));
    else if (t.kind === 'document' || t.kind === 'range') {
      const source = sourceOf.get(t.document);
      if (!source) {
        loses.add('memos on documents not exported');
        continue;
      }
      const ref = noteFor(`memo/${m.id}`, m.text, m.annotator, extra);
      if (t.kind === 'document') source.noteRefs.push(ref);
      else
        source.selections.push({
          guid: guidFor(`range/${m.id}`),
          start: t.start,
          end: t.end,
          creatingUser: userGuid.get(m.annotator),
          codings: [],
          noteRefs: [ref],
        });
    } else {
      const code = t.kind === 'label' ? findCode(codes, guidKey(labelGuid.get(t.label) ?? '')) : groupCode.get(t.group);
      if (!code) {
        loses.add(`memos on ${t.kind === 'label' ? 'labels' : 'groups'} not in the codebook`);
        continue;
      }
      code.noteRefs.push(noteFor(`memo/${m.id}`, m.text, m.annotator, extra));
    }
  }

  const sets: QdpxSet[] = [...stories.entries()].map(([story, members]) => ({
    guid: guidFor(`story/${story}`),
    name: story,
    memberCodes: [],
    memberSources: members,
    memberNotes: [],
  }));
  const project: QdpxProject = {
    name: input.projectName ?? 'Frame Lens project',
    users,
    codes,
    variables,
    cases: [],
    sources,
    notes,
    links: [],
    sets,
    noteRefs: projectNoteRefs,
  };
  for (const r of records) for (const _ of r.spans) loses.add('span ids (a new id is given on import)');
  return { project, loses: loses.list() };
}

/** A .qdc → span labels and document-label groups (code sets have no place in Frame Lens and are reported). */
export function codebookFromQdc(
  book: QdcCodebook,
  options: { file?: string } = {},
): {
  codebook: Pick<Codebook, 'spanLabels' | 'docLabels'>;
  keep: Pick<QdpxKeep, 'labels' | 'groups'>;
  warnings: string[];
} {
  const project: QdpxProject = {
    ...emptyProject(''),
    codes: book.codes,
    ...(book.origin !== undefined ? { origin: book.origin } : {}),
  };
  const r = qdpxToFrameLens(project, { file: options.file ?? 'codebook.qdc' });
  const warnings = [...r.warnings];
  if (book.sets.length)
    warnings.push(
      `${options.file ?? 'codebook.qdc'}: code sets skipped: ${book.sets.length} (first: ${book.sets[0].name})`,
    );
  return { codebook: r.codebook, keep: { labels: r.keep.labels, groups: r.keep.groups }, warnings };
}

/** Span labels and document-label groups → a .qdc. */
export function qdcFromCodebook(
  codebook: Pick<Codebook, 'spanLabels' | 'docLabels'>,
  keep?: Partial<QdpxKeep>,
): QdcCodebook {
  const { project } = frameLensToQdpx({ documents: [], records: [], codebook, ...(keep ? { keep } : {}) });
  const strip = (codes: QdpxCode[]): QdpxCode[] =>
    codes.map((c) => ({ ...c, noteRefs: [], children: strip(c.children) }));
  return { codes: strip(project.codes), sets: [] };
}
