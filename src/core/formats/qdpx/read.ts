// project.qde and .qdc → the intermediate, checking the schema's rules that matter for the data: required
// elements and attributes, GUID format, unique GUIDs, references that resolve, selections inside their text.
// Cosmetic faults (a bad colour or date) are dropped and counted; anything that would change what was
// coded is refused with one line naming the file, the line and the element.
import { GUID_PATTERN } from '../../ids';
import { codePointLength, OffsetMap } from '../../offsets';
import { FormatError, WarningCounter } from '../common';
import type {
  PositionUnit,
  QdcCodebook,
  QdpxAudit,
  QdpxCase,
  QdpxCode,
  QdpxCoding,
  QdpxLink,
  QdpxNote,
  QdpxProject,
  QdpxSet,
  QdpxTextSelection,
  QdpxTextSource,
  QdpxVariable,
  QdpxVariableValue,
  VariableType,
} from './types';
import { VARIABLE_TYPES } from './types';
import type { XmlElement } from './xml';
import { child, childrenNamed } from './xml';

const GUID = GUID_PATTERN;
const RGB = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const INTEGER = /^[+-]?\d{1,15}$/;

/** Whether a string is a GUID as GUIDType allows (with or without braces). */
export function isGuid(s: string): boolean {
  return GUID.test(s);
}

/** The form GUIDs are compared in: tools differ in case and braces but mean the same GUID. */
export function guidKey(s: string): string {
  return s.replace(/^\{|\}$/g, '').toLowerCase();
}

/** Reading context: the file for messages, the GUIDs seen, the warnings. */
export class Reader {
  readonly warnings = new WarningCounter();
  /** GUIDs inside what was skipped (media sources), which references may still name. */
  readonly skipped = new Set<string>();
  private readonly seen = new Map<string, string>();

  constructor(readonly file: string) {}

  fail(el: XmlElement | null, problem: string): never {
    throw new FormatError(this.file, el?.line ?? 0, problem);
  }

  describe(el: XmlElement): string {
    const name = el.attrs.name;
    return `${el.name}${el.attrs.guid ? ` ${el.attrs.guid}` : ''}${name ? ` (${JSON.stringify(name.slice(0, 60))})` : ''}`;
  }

  required(el: XmlElement, attr: string): string {
    const v = el.attrs[attr];
    if (v === undefined) this.fail(el, `${el.name} lacks the required attribute ${attr}`);
    return v;
  }

  guid(el: XmlElement, attr = 'guid'): string {
    const v = this.required(el, attr).trim();
    if (!GUID.test(v)) this.fail(el, `${el.name} ${attr}=${JSON.stringify(v.slice(0, 60))} is not a GUID`);
    return v;
  }

  /** Registers a defining GUID; two things with one GUID make every reference ambiguous. */
  define(el: XmlElement, kind: string): string {
    const g = this.guid(el);
    const k = guidKey(g);
    const before = this.seen.get(k);
    if (before) this.fail(el, `GUID ${g} of ${el.name} is already used by a ${before}`);
    this.seen.set(k, kind);
    return g;
  }

  optionalGuid(el: XmlElement, attr: string): string | undefined {
    return el.attrs[attr] === undefined ? undefined : this.guid(el, attr);
  }

  dateTime(el: XmlElement, attr: string): string | undefined {
    const v = el.attrs[attr];
    if (v === undefined) return undefined;
    if (DATE_TIME.test(v.trim())) return v.trim();
    this.warnings.add(
      'dates that are not xsd:dateTime dropped',
      `${el.name} ${attr}=${JSON.stringify(v.slice(0, 40))}`,
    );
    return undefined;
  }

  color(el: XmlElement): string | undefined {
    const v = el.attrs.color;
    if (v === undefined) return undefined;
    if (RGB.test(v.trim())) return v.trim();
    this.warnings.add('colours that are not #rgb or #rrggbb dropped', `${JSON.stringify(v.slice(0, 20))}`);
    return undefined;
  }

  boolean(el: XmlElement, attr: string): boolean {
    const v = this.required(el, attr).trim();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    this.fail(el, `${el.name} ${attr}=${JSON.stringify(v.slice(0, 20))} is not a boolean`);
  }

  integer(el: XmlElement, attr: string): number {
    const v = this.required(el, attr).trim();
    if (!INTEGER.test(v))
      this.fail(el, `${this.describe(el)}: ${attr}=${JSON.stringify(v.slice(0, 20))} is not an integer`);
    return Number(v);
  }

  refs(el: XmlElement, name: string): string[] {
    return childrenNamed(el, name).map((r) => this.guid(r, 'targetGUID'));
  }

  audit(el: XmlElement, users = true): QdpxAudit {
    const out: QdpxAudit = {};
    const cu = users ? this.optionalGuid(el, 'creatingUser') : undefined;
    if (cu) out.creatingUser = cu;
    const ct = this.dateTime(el, 'creationDateTime');
    if (ct) out.creationDateTime = ct;
    const mu = users ? this.optionalGuid(el, 'modifyingUser') : undefined;
    if (mu) out.modifyingUser = mu;
    const mt = this.dateTime(el, 'modifiedDateTime');
    if (mt) out.modifiedDateTime = mt;
    return out;
  }
}

function text(el: XmlElement | undefined): string | undefined {
  return el === undefined ? undefined : el.text;
}

/** Codes, recursively; `withNotes` is false in a .qdc, whose codes carry no NoteRef. */
export function readCodes(r: Reader, parent: XmlElement, withNotes: boolean): QdpxCode[] {
  return childrenNamed(parent, 'Code').map((el) => {
    const code: QdpxCode = {
      guid: r.define(el, 'Code'),
      name: r.required(el, 'name'),
      isCodable: r.boolean(el, 'isCodable'),
      noteRefs: withNotes ? r.refs(el, 'NoteRef') : [],
      children: readCodes(r, el, withNotes),
    };
    const color = r.color(el);
    if (color) code.color = color;
    const description = text(child(el, 'Description'));
    if (description !== undefined) code.description = description;
    return code;
  });
}

export function readSets(r: Reader, parent: XmlElement | undefined, codebook: boolean): QdpxSet[] {
  if (!parent) return [];
  return childrenNamed(parent, 'Set').map((el) => {
    const set: QdpxSet = {
      guid: r.define(el, 'Set'),
      name: r.required(el, 'name'),
      // Codebook.xsd names the member's GUID `guid`; Project.xsd names it `targetGUID`. Tools mix them up.
      memberCodes: childrenNamed(el, 'MemberCode').map((m) =>
        r.guid(m, m.attrs.targetGUID === undefined && (codebook || m.attrs.guid !== undefined) ? 'guid' : 'targetGUID'),
      ),
      memberSources: r.refs(el, 'MemberSource'),
      memberNotes: r.refs(el, 'MemberNote'),
    };
    const description = text(child(el, 'Description'));
    if (description !== undefined) set.description = description;
    return set;
  });
}

function readVariableValues(r: Reader, parent: XmlElement): QdpxVariableValue[] {
  return childrenNamed(parent, 'VariableValue').map((el) => {
    const ref = child(el, 'VariableRef');
    if (!ref) r.fail(el, 'VariableValue lacks its VariableRef');
    const valueEl = el.children.find((c) => c.name.endsWith('Value') && c.name !== 'VariableValue');
    const kind = valueEl?.name.replace(/Value$/, '') as VariableType | undefined;
    if (kind !== undefined && !VARIABLE_TYPES.includes(kind))
      r.fail(valueEl ?? el, `unknown value element ${valueEl?.name}`);
    return { variable: r.guid(ref, 'targetGUID'), type: kind ?? 'Text', value: valueEl?.text ?? '' };
  });
}

function readCodings(r: Reader, parent: XmlElement): QdpxCoding[] {
  return childrenNamed(parent, 'Coding').map((el) => {
    const ref = child(el, 'CodeRef');
    if (!ref) r.fail(el, `Coding ${el.attrs.guid ?? ''} lacks its CodeRef`);
    const coding: QdpxCoding = {
      guid: r.define(el, 'Coding'),
      code: r.guid(ref, 'targetGUID'),
      noteRefs: r.refs(el, 'NoteRef'),
    };
    const cu = r.optionalGuid(el, 'creatingUser');
    if (cu) coding.creatingUser = cu;
    const ct = r.dateTime(el, 'creationDateTime');
    if (ct) coding.creationDateTime = ct;
    return coding;
  });
}

/** The text of a source or note, looked up by the caller (PlainTextContent or a file of the archive). */
export type TextResolver = (el: XmlElement, path: string) => string | null;

/** Positions of a tool → code points of the exact text; throws a RangeError with the reason. */
export function positionConverter(textValue: string, unit: PositionUnit): (pos: number) => number {
  const crlf: number[] = [];
  if (unit.crlfAsOne) {
    // Collapsed index of each CR LF pair, in the unit the tool counts in.
    let u16 = 0;
    let cp = 0;
    let pairs = 0;
    for (let i = 0; i < textValue.length; i++) {
      const c = textValue.charCodeAt(i);
      if (c === 13 && textValue.charCodeAt(i + 1) === 10) {
        crlf.push((unit.unit === 'utf16' ? u16 : cp) - pairs);
        pairs++;
      }
      const astral = c >= 0xd800 && c <= 0xdbff && i + 1 < textValue.length;
      u16 += astral ? 2 : 1;
      cp += 1;
      if (astral) i++;
    }
  }
  const toExact = (p: number): number => {
    if (!crlf.length) return p;
    let lo = 0;
    let hi = crlf.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (crlf[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return p + lo;
  };
  let map: OffsetMap | null = null;
  return (pos: number) => {
    const exact = toExact(pos);
    if (unit.unit === 'codepoint') return exact;
    map ??= new OffsetMap(textValue);
    return map.toCodePoint(exact);
  };
}

function readTextSourceBody(
  r: Reader,
  el: XmlElement,
  resolve: TextResolver,
  unit: PositionUnit,
): Omit<QdpxTextSource, 'guid'> | null {
  const content = child(el, 'PlainTextContent');
  const path = el.attrs.plainTextPath;
  let body: string | null = null;
  if (path !== undefined && path !== '') {
    body = resolve(el, path);
    if (body === null) return null;
    if (content !== undefined && content.text !== body)
      r.warnings.add(
        'sources with both PlainTextContent and a plainTextPath that differ (the file was used)',
        r.describe(el),
      );
  } else if (content !== undefined) body = content.text;
  else r.fail(el, `${r.describe(el)} has neither PlainTextContent nor a plainTextPath`);
  const source: Omit<QdpxTextSource, 'guid'> = {
    text: body,
    selections: [],
    codings: readCodings(r, el),
    noteRefs: r.refs(el, 'NoteRef'),
    variableValues: readVariableValues(r, el),
    ...r.audit(el),
  };
  if (el.attrs.name !== undefined) source.name = el.attrs.name;
  const description = text(child(el, 'Description'));
  if (description !== undefined) source.description = description;
  if (path !== undefined && path !== '') source.plainTextPath = path;
  if (el.attrs.richTextPath !== undefined) source.richTextPath = el.attrs.richTextPath;
  const convert = positionConverter(body, unit);
  const length = codePointLength(body);
  for (const s of childrenNamed(el, 'PlainTextSelection')) {
    const guid = r.define(s, 'PlainTextSelection');
    const start = r.integer(s, 'startPosition');
    const end = r.integer(s, 'endPosition');
    const where = `PlainTextSelection ${guid} (startPosition ${start}, endPosition ${end}) of ${r.describe(el)}`;
    if (start < 0 || end < start) r.fail(s, `${where}: the positions are not an interval`);
    let cs: number;
    let ce: number;
    try {
      cs = convert(start);
      ce = convert(end);
    } catch (error) {
      r.fail(s, `${where} lies outside its source: ${(error as Error).message}`);
    }
    if (ce > length) r.fail(s, `${where} lies outside its source, whose text has ${length} code points`);
    const sel: QdpxTextSelection = {
      guid,
      start: cs,
      end: ce,
      codings: readCodings(r, s),
      noteRefs: r.refs(s, 'NoteRef'),
      ...r.audit(s),
    };
    if (s.attrs.name !== undefined) sel.name = s.attrs.name;
    const d = text(child(s, 'Description'));
    if (d !== undefined) sel.description = d;
    source.selections.push(sel);
  }
  return source;
}

const SKIPPED_SOURCES = ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'];

/** A project with nothing in it yet. */
export function emptyProject(name: string): QdpxProject {
  return {
    name,
    users: [],
    codes: [],
    variables: [],
    cases: [],
    sources: [],
    notes: [],
    links: [],
    sets: [],
    noteRefs: [],
  };
}

/** The GUID keys of every code in a code tree. */
export function codeKeys(codes: readonly QdpxCode[]): Set<string> {
  const keys = new Set<string>();
  const walk = (list: readonly QdpxCode[]) => {
    for (const c of list) {
      keys.add(guidKey(c.guid));
      walk(c.children);
    }
  };
  walk(codes);
  return keys;
}

/** The Project element → the intermediate; references are checked once everything is read. */
export function readProject(r: Reader, root: XmlElement, resolve: TextResolver, unit: PositionUnit): QdpxProject {
  if (root.name !== 'Project') r.fail(root, `the root element is ${root.name}, not Project`);
  const project: QdpxProject = { ...emptyProject(r.required(root, 'name')), noteRefs: r.refs(root, 'NoteRef') };
  if (root.attrs.origin !== undefined) project.origin = root.attrs.origin;
  const cu = r.optionalGuid(root, 'creatingUserGUID');
  if (cu) project.creatingUser = cu;
  const ct = r.dateTime(root, 'creationDateTime');
  if (ct) project.creationDateTime = ct;
  const mu = r.optionalGuid(root, 'modifyingUserGUID');
  if (mu) project.modifyingUser = mu;
  const mt = r.dateTime(root, 'modifiedDateTime');
  if (mt) project.modifiedDateTime = mt;
  const description = text(child(root, 'Description'));
  if (description !== undefined) project.description = description;

  for (const u of childrenNamed(child(root, 'Users') ?? root, 'User')) {
    const user = { guid: r.define(u, 'User') } as QdpxProject['users'][number];
    if (u.attrs.name !== undefined) user.name = u.attrs.name;
    if (u.attrs.id !== undefined) user.id = u.attrs.id;
    project.users.push(user);
  }
  const codebook = child(root, 'CodeBook');
  if (codebook) {
    const codes = child(codebook, 'Codes');
    if (!codes) r.fail(codebook, 'CodeBook lacks its Codes');
    project.codes = readCodes(r, codes, true);
  }
  for (const v of childrenNamed(child(root, 'Variables') ?? root, 'Variable')) {
    const type = r.required(v, 'typeOfVariable').trim() as VariableType;
    if (!VARIABLE_TYPES.includes(type))
      r.fail(v, `Variable typeOfVariable=${JSON.stringify(type)} is not one of ${VARIABLE_TYPES.join(', ')}`);
    const variable: QdpxVariable = { guid: r.define(v, 'Variable'), name: r.required(v, 'name'), type };
    const d = text(child(v, 'Description'));
    if (d !== undefined) variable.description = d;
    project.variables.push(variable);
  }
  for (const c of childrenNamed(child(root, 'Cases') ?? root, 'Case')) {
    const kase: QdpxCase = {
      guid: r.define(c, 'Case'),
      codeRefs: r.refs(c, 'CodeRef'),
      variableValues: readVariableValues(r, c),
      sourceRefs: r.refs(c, 'SourceRef'),
      selectionRefs: r.refs(c, 'SelectionRef'),
    };
    if (c.attrs.name !== undefined) kase.name = c.attrs.name;
    const d = text(child(c, 'Description'));
    if (d !== undefined) kase.description = d;
    project.cases.push(kase);
  }
  const sources = child(root, 'Sources');
  for (const s of sources?.children ?? []) {
    if (s.name === 'TextSource') {
      const guid = r.define(s, 'TextSource');
      const body = readTextSourceBody(r, s, resolve, unit);
      if (body) project.sources.push({ guid, ...body });
    } else if (SKIPPED_SOURCES.includes(s.name)) {
      r.warnings.add(`${s.name}s skipped (Frame Lens codes text)`, r.describe(s));
      markSkipped(r, s);
    }
  }
  for (const n of childrenNamed(child(root, 'Notes') ?? root, 'Note')) {
    const guid = r.define(n, 'Note');
    const body = readTextSourceBody(r, n, resolve, unit);
    const note: QdpxNote = { guid, text: body?.text ?? '', ...r.audit(n) };
    if (n.attrs.name !== undefined) note.name = n.attrs.name;
    const d = text(child(n, 'Description'));
    if (d !== undefined) note.description = d;
    if (body?.plainTextPath) note.plainTextPath = body.plainTextPath;
    project.notes.push(note);
  }
  for (const l of childrenNamed(child(root, 'Links') ?? root, 'Link')) {
    const link: QdpxLink = { guid: r.define(l, 'Link'), noteRefs: r.refs(l, 'NoteRef') };
    if (l.attrs.name !== undefined) link.name = l.attrs.name;
    const dir = l.attrs.direction;
    if (dir === 'Associative' || dir === 'OneWay' || dir === 'Bidirectional') link.direction = dir;
    const color = r.color(l);
    if (color) link.color = color;
    const o = r.optionalGuid(l, 'originGUID');
    if (o) link.origin = o;
    const t = r.optionalGuid(l, 'targetGUID');
    if (t) link.target = t;
    project.links.push(link);
  }
  project.sets = readSets(r, child(root, 'Sets'), false);
  if (child(root, 'Graphs')) r.warnings.add('graphs skipped');
  return project;
}

/** GUIDs inside skipped sources (their selections and codings) still resolve, so references to them are not errors. */
function markSkipped(r: Reader, el: XmlElement): void {
  if (el.attrs.guid !== undefined && GUID.test(el.attrs.guid.trim())) {
    r.define(el, `${el.name} (skipped)`);
    r.skipped.add(guidKey(el.attrs.guid.trim()));
  }
  for (const c of el.children) markSkipped(r, c);
}

/** Every reference must name something the project defines. */
export function checkReferences(r: Reader, project: QdpxProject): void {
  const skipped = r.skipped;
  const codes = codeKeys(project.codes);
  const notes = new Set(project.notes.map((n) => guidKey(n.guid)));
  const sources = new Set(project.sources.map((s) => guidKey(s.guid)));
  const selections = new Set(project.sources.flatMap((s) => s.selections.map((x) => guidKey(x.guid))));
  const variables = new Set(project.variables.map((v) => guidKey(v.guid)));
  const check = (set: Set<string>, guid: string, what: string, where: string) => {
    const k = guidKey(guid);
    if (!set.has(k) && !skipped.has(k))
      r.fail(null, `${where} refers to ${what} ${guid}, which the project does not define`);
  };
  const noteRefs = (refs: string[], where: string) => {
    for (const n of refs) check(notes, n, 'note', where);
  };
  noteRefs(project.noteRefs, 'Project');
  const walkNotes = (list: QdpxCode[]) => {
    for (const c of list) {
      noteRefs(c.noteRefs, `Code ${c.guid}`);
      walkNotes(c.children);
    }
  };
  walkNotes(project.codes);
  for (const s of project.sources) {
    noteRefs(s.noteRefs, `TextSource ${s.guid}`);
    for (const v of s.variableValues) check(variables, v.variable, 'variable', `TextSource ${s.guid}`);
    for (const c of s.codings) {
      check(codes, c.code, 'code', `Coding ${c.guid}`);
      noteRefs(c.noteRefs, `Coding ${c.guid}`);
    }
    for (const sel of s.selections) {
      noteRefs(sel.noteRefs, `PlainTextSelection ${sel.guid}`);
      for (const c of sel.codings) {
        check(codes, c.code, 'code', `Coding ${c.guid}`);
        noteRefs(c.noteRefs, `Coding ${c.guid}`);
      }
    }
  }
  for (const c of project.cases) {
    for (const x of c.codeRefs) check(codes, x, 'code', `Case ${c.guid}`);
    for (const x of c.sourceRefs) check(sources, x, 'source', `Case ${c.guid}`);
    for (const x of c.selectionRefs) check(selections, x, 'selection', `Case ${c.guid}`);
    for (const v of c.variableValues) check(variables, v.variable, 'variable', `Case ${c.guid}`);
  }
  for (const set of project.sets) {
    for (const x of set.memberCodes) check(codes, x, 'code', `Set ${set.guid}`);
    for (const x of set.memberSources) check(sources, x, 'source', `Set ${set.guid}`);
    for (const x of set.memberNotes) check(notes, x, 'note', `Set ${set.guid}`);
  }
  for (const l of project.links) noteRefs(l.noteRefs, `Link ${l.guid}`);
}

/** A .qdc's CodeBook element → the intermediate. */
export function readCodebook(r: Reader, root: XmlElement): QdcCodebook {
  if (root.name !== 'CodeBook') r.fail(root, `the root element is ${root.name}, not CodeBook`);
  const codes = child(root, 'Codes');
  if (!codes) r.fail(root, 'CodeBook lacks its Codes');
  const book: QdcCodebook = { codes: readCodes(r, codes, false), sets: readSets(r, child(root, 'Sets'), true) };
  if (root.attrs.origin !== undefined) book.origin = root.attrs.origin;
  const known = codeKeys(book.codes);
  for (const s of book.sets)
    for (const m of s.memberCodes)
      if (!known.has(guidKey(m))) r.fail(null, `Set ${s.guid} refers to code ${m}, which the codebook does not define`);
  return book;
}
