// The intermediate → project.qde / .qdc text, elements in the order the schema's sequences fix, every value
// escaped so it reads back exactly. Texts go into sources/<guid>.txt (REFI-QDA 1.5 §9.1.2); a note goes
// inline unless it holds a character XML cannot carry, then into a file as well.
import { OffsetMap } from '../../offsets';
import type {
  QdcCodebook,
  QdpxAudit,
  QdpxCode,
  QdpxCoding,
  QdpxProject,
  QdpxSet,
  QdpxTextSource,
  QdpxVariableValue,
} from './types';
import { escapeAttr, escapeText, notXmlChar } from './xml';

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** A value that XML cannot hold is a caller's problem to report, not something to drop. */
export class QdpxWriteError extends Error {
  override name = 'QdpxWriteError';
}

function check(value: string, where: string): string {
  const bad = notXmlChar(value);
  if (bad) throw new QdpxWriteError(`${where} holds ${bad}, which an XML file cannot carry`);
  return value;
}

/** Attributes in the order they are written; an undefined value is left out. */
type Attrs = Record<string, string | undefined>;

class Out {
  private readonly parts: string[] = [];
  private depth = 0;

  open(name: string, attrs: Attrs, empty: boolean, where: string): void {
    const a = Object.entries(attrs)
      .filter((x): x is [string, string] => x[1] !== undefined)
      .map(([k, v]) => ` ${k}="${escapeAttr(check(v, `${where} ${k}`))}"`)
      .join('');
    this.parts.push(`${'  '.repeat(this.depth)}<${name}${a}${empty ? ' />' : '>'}\n`);
    if (!empty) this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.parts.push(`${'  '.repeat(this.depth)}</${name}>\n`);
  }

  leaf(name: string, value: string | undefined, where: string): void {
    if (value === undefined) return;
    this.parts.push(`${'  '.repeat(this.depth)}<${name}>${escapeText(check(value, where))}</${name}>\n`);
  }

  /** Opens an element named by its GUID and name, its description its first child. */
  described(name: string, item: { guid: string; name?: string; description?: string }, where: string): void {
    this.open(name, { guid: item.guid, name: item.name }, false, where);
    this.leaf('Description', item.description, `${where}: its description`);
  }

  ref(name: string, guid: string): void {
    this.open(name, { targetGUID: guid }, true, name);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** A root element's namespace and where its schema is published. */
function rootAttrs(ns: string, schema: 'Project' | 'Codebook'): Attrs {
  return {
    xmlns: ns,
    'xmlns:xsi': XSI,
    'xsi:schemaLocation': `${ns} http://schema.qdasoftware.org/versions/${schema}/v1.0/${schema}.xsd`,
  };
}

function audit(a: QdpxAudit): Attrs {
  return {
    creatingUser: a.creatingUser,
    creationDateTime: a.creationDateTime,
    modifyingUser: a.modifyingUser,
    modifiedDateTime: a.modifiedDateTime,
  };
}

function writeCodes(out: Out, codes: QdpxCode[], withNotes: boolean): void {
  for (const c of codes) {
    const where = `code ${JSON.stringify(c.name)}`;
    const empty = c.description === undefined && (!withNotes || c.noteRefs.length === 0) && c.children.length === 0;
    out.open('Code', { guid: c.guid, name: c.name, isCodable: String(c.isCodable), color: c.color }, empty, where);
    if (empty) continue;
    out.leaf('Description', c.description, `${where}: its description`);
    if (withNotes) for (const n of c.noteRefs) out.ref('NoteRef', n);
    writeCodes(out, c.children, withNotes);
    out.close('Code');
  }
}

function writeSets(out: Out, sets: QdpxSet[], codebook: boolean): void {
  if (!sets.length) return;
  out.open('Sets', {}, false, 'Sets');
  for (const s of sets) {
    const where = `set ${JSON.stringify(s.name)}`;
    out.described('Set', s, where);
    for (const m of s.memberCodes)
      if (codebook) out.open('MemberCode', { guid: m }, true, where);
      else out.ref('MemberCode', m);
    if (!codebook) {
      for (const m of s.memberSources) out.ref('MemberSource', m);
      for (const m of s.memberNotes) out.ref('MemberNote', m);
    }
    out.close('Set');
  }
  out.close('Sets');
}

function writeValues(out: Out, values: QdpxVariableValue[], where: string): void {
  for (const v of values) {
    out.open('VariableValue', {}, false, where);
    out.ref('VariableRef', v.variable);
    out.leaf(`${v.type}Value`, v.value, `${where}: a variable value`);
    out.close('VariableValue');
  }
}

function writeCodings(out: Out, codings: QdpxCoding[]): void {
  for (const c of codings) {
    out.open(
      'Coding',
      { guid: c.guid, creatingUser: c.creatingUser, creationDateTime: c.creationDateTime },
      false,
      'Coding',
    );
    out.ref('CodeRef', c.code);
    for (const n of c.noteRefs) out.ref('NoteRef', n);
    out.close('Coding');
  }
}

/** Where a source's text goes in the archive. */
export function sourceFileName(guid: string): string {
  return `${guid.replace(/^\{|\}$/g, '')}.txt`;
}

/** Writes project.qde; `files` receives the texts to put under sources/. */
export function writeProjectXml(
  project: QdpxProject,
  files: Map<string, string>,
  positions: 'codepoint' | 'utf16' = 'codepoint',
): string {
  const out = new Out();
  out.open(
    'Project',
    {
      ...rootAttrs(PROJECT_NS, 'Project'),
      name: project.name,
      origin: project.origin,
      creatingUserGUID: project.creatingUser,
      creationDateTime: project.creationDateTime,
      modifyingUserGUID: project.modifyingUser,
      modifiedDateTime: project.modifiedDateTime,
    },
    false,
    'the project',
  );
  if (project.users.length) {
    out.open('Users', {}, false, 'Users');
    for (const u of project.users)
      out.open('User', { guid: u.guid, name: u.name, id: u.id }, true, `user ${JSON.stringify(u.name ?? u.guid)}`);
    out.close('Users');
  }
  if (project.codes.length) {
    out.open('CodeBook', {}, false, 'CodeBook');
    out.open('Codes', {}, false, 'Codes');
    writeCodes(out, project.codes, true);
    out.close('Codes');
    out.close('CodeBook');
  }
  if (project.variables.length) {
    out.open('Variables', {}, false, 'Variables');
    for (const v of project.variables) {
      const where = `variable ${JSON.stringify(v.name)}`;
      const attrs: Attrs = { guid: v.guid, name: v.name, typeOfVariable: v.type };
      out.open('Variable', attrs, v.description === undefined, where);
      if (v.description !== undefined) {
        out.leaf('Description', v.description, `${where}: its description`);
        out.close('Variable');
      }
    }
    out.close('Variables');
  }
  if (project.cases.length) {
    out.open('Cases', {}, false, 'Cases');
    for (const c of project.cases) {
      const where = `case ${JSON.stringify(c.name ?? c.guid)}`;
      out.described('Case', c, where);
      for (const x of c.codeRefs) out.ref('CodeRef', x);
      writeValues(out, c.variableValues, where);
      for (const x of c.sourceRefs) out.ref('SourceRef', x);
      for (const x of c.selectionRefs) out.ref('SelectionRef', x);
      out.close('Case');
    }
    out.close('Cases');
  }
  if (project.sources.length) {
    out.open('Sources', {}, false, 'Sources');
    for (const s of project.sources) writeTextSource(out, 'TextSource', s, files, positions);
    out.close('Sources');
  }
  if (project.notes.length) {
    out.open('Notes', {}, false, 'Notes');
    for (const n of project.notes) {
      const inline = notXmlChar(n.text) === null;
      const source: QdpxTextSource = {
        ...n,
        selections: [],
        codings: [],
        noteRefs: [],
        variableValues: [],
      };
      writeTextSource(out, 'Note', source, files, positions, inline);
    }
    out.close('Notes');
  }
  if (project.links.length) {
    out.open('Links', {}, false, 'Links');
    for (const l of project.links) {
      const attrs: Attrs = {
        guid: l.guid,
        name: l.name,
        direction: l.direction,
        color: l.color,
        originGUID: l.origin,
        targetGUID: l.target,
      };
      out.open('Link', attrs, l.noteRefs.length === 0, `link ${l.guid}`);
      if (l.noteRefs.length) {
        for (const n of l.noteRefs) out.ref('NoteRef', n);
        out.close('Link');
      }
    }
    out.close('Links');
  }
  writeSets(out, project.sets, false);
  out.leaf('Description', project.description, 'the project description');
  for (const n of project.noteRefs) out.ref('NoteRef', n);
  out.close('Project');
  return `<?xml version="1.0" encoding="utf-8"?>\n${out.toString()}`;
}

function writeTextSource(
  out: Out,
  element: 'TextSource' | 'Note',
  s: QdpxTextSource,
  files: Map<string, string>,
  positions: 'codepoint' | 'utf16',
  inline = false,
): void {
  const where = `${element === 'Note' ? 'note' : 'source'} ${JSON.stringify(s.name ?? s.guid)}`;
  const file = sourceFileName(s.guid);
  if (!inline) files.set(file, s.text);
  out.open(
    element,
    { guid: s.guid, name: s.name, plainTextPath: inline ? undefined : `internal://${file}`, ...audit(s) },
    false,
    where,
  );
  out.leaf('Description', s.description, `${where}: its description`);
  if (inline) out.leaf('PlainTextContent', s.text, `${where}: its text`);
  const map = positions === 'utf16' ? new OffsetMap(s.text) : null;
  for (const sel of s.selections) {
    const start = map ? map.toUtf16(sel.start) : sel.start;
    const end = map ? map.toUtf16(sel.end) : sel.end;
    const sw = `selection ${sel.guid} of ${where}`;
    const empty = sel.description === undefined && sel.codings.length === 0 && sel.noteRefs.length === 0;
    out.open(
      'PlainTextSelection',
      { guid: sel.guid, name: sel.name, startPosition: String(start), endPosition: String(end), ...audit(sel) },
      empty,
      sw,
    );
    if (empty) continue;
    out.leaf('Description', sel.description, `${sw}: its description`);
    writeCodings(out, sel.codings);
    for (const n of sel.noteRefs) out.ref('NoteRef', n);
    out.close('PlainTextSelection');
  }
  writeCodings(out, s.codings);
  for (const n of s.noteRefs) out.ref('NoteRef', n);
  writeValues(out, s.variableValues, where);
  out.close(element);
}

/** Writes a .qdc. */
export function writeCodebookXml(book: QdcCodebook): string {
  const out = new Out();
  out.open(
    'CodeBook',
    {
      ...rootAttrs(CODEBOOK_NS, 'Codebook'),
      origin: book.origin,
    },
    false,
    'the codebook',
  );
  out.open('Codes', {}, false, 'Codes');
  writeCodes(out, book.codes, false);
  out.close('Codes');
  writeSets(out, book.sets, true);
  out.close('CodeBook');
  return `<?xml version="1.0" encoding="utf-8"?>\n${out.toString()}`;
}
