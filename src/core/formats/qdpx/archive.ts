// .qdpx and .qdc bytes ↔ the intermediate: find project.qde, decode it strictly, read the source texts
// from sources/, choose the position unit, check references; and the reverse.
import { FormatError } from '../common';
import { checkReferences, Reader, readCodebook, readProject } from './read';
import type { PositionUnit, QdcCodebook, QdpxParseResult, QdpxProject } from './types';
import { decodeUtf8, encodeUtf8 } from './utf8';
import { QdpxWriteError, writeCodebookXml, writeProjectXml } from './write';
import { DEFAULT_XML_LIMITS, parseXml, type XmlElement, type XmlLimits } from './xml';
import { DEFAULT_ZIP_LIMITS, writeZip, ZipArchive, type ZipLimits } from './zip';

/** What Frame Lens writes as `origin`; a UTF-16 export says so, so that Frame Lens reads it back right. */
export const ORIGIN = 'Frame Lens';

export interface QdpxParseOptions {
  /** The archive's name in messages. */
  file?: string;
  /**
   * How the file counts positions. `auto` follows the tool named in `origin`: NVivo writes UTF-16 code
   * units, ATLAS.ti counts a CR LF as one; everything else is read as REFI-QDA 1.5 says (code points).
   */
  positions?: 'auto' | 'codepoint' | 'utf16' | PositionUnit;
  limits?: Partial<ZipLimits & XmlLimits>;
}

/** What `auto` picks for a file written by `origin`. */
export function positionUnitFor(origin: string | undefined): PositionUnit {
  if (origin?.startsWith(ORIGIN)) return { unit: /UTF-16/.test(origin) ? 'utf16' : 'codepoint', crlfAsOne: false };
  if (origin && /nvivo/i.test(origin)) return { unit: 'utf16', crlfAsOne: false };
  if (origin && /atlas\.ti/i.test(origin)) return { unit: 'codepoint', crlfAsOne: true };
  return { unit: 'codepoint', crlfAsOne: false };
}

function chooseUnit(option: QdpxParseOptions['positions'], origin: string | undefined): PositionUnit {
  if (option === undefined || option === 'auto') return positionUnitFor(origin);
  if (option === 'codepoint' || option === 'utf16') return { unit: option, crlfAsOne: false };
  return option;
}

function decode(bytes: Uint8Array, file: string): string {
  const r = decodeUtf8(bytes);
  if ('badByte' in r) throw new FormatError(file, 0, `not UTF-8 (byte ${r.badByte} starts a malformed sequence)`);
  return r.text.charCodeAt(0) === 0xfeff ? r.text.slice(1) : r.text;
}

const PROJECT_NAMESPACE = /^urn:QDA-XML:project:/i;
const CODEBOOK_NAMESPACE = /^urn:QDA-XML:codebook:/i;

function checkNamespace(root: XmlElement, pattern: RegExp, file: string, what: string): void {
  // Real files write 1.0, 1:0 (NVivo's .qdc) or 0:4 (ATLAS.ti); the element names are what matters.
  if (root.uri !== '' && !pattern.test(root.uri))
    throw new FormatError(file, root.line, `the root element is in namespace ${root.uri}, not a REFI-QDA ${what}`);
}

/** Reads a .qdpx: a zip holding project.qde and the sources. */
export function parseQdpx(bytes: Uint8Array, options: QdpxParseOptions = {}): QdpxParseResult {
  const archiveName = options.file ?? 'project.qdpx';
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const zip = new ZipArchive(bytes, archiveName, limits);
  const extraWarnings: string[] = [];
  const names = zip.entries.map((e) => e.name);
  let qde = names.find((n) => n === 'project.qde') ?? names.find((n) => n.toLowerCase() === 'project.qde');
  if (!qde) {
    // ATLAS.ti names the file after the project (Trial.qde); accept one, never guess between several.
    const atRoot = names.filter((n) => !n.includes('/') && /\.qde$/i.test(n));
    const nested = names.filter((n) => /^[^/]+\/project\.qde$/i.test(n));
    if (atRoot.length === 1) qde = atRoot[0];
    else if (atRoot.length === 0 && nested.length === 1) qde = nested[0];
    if (qde)
      extraWarnings.push(`${archiveName}: the project file is ${qde}, not project.qde at the root as REFI-QDA asks`);
    else
      throw new FormatError(
        archiveName,
        0,
        atRoot.length > 1
          ? `holds several .qde files (${atRoot.slice(0, 3).join(', ')}) and no project.qde`
          : 'holds no project.qde',
      );
  }
  const base = qde.includes('/') ? qde.slice(0, qde.lastIndexOf('/') + 1) : '';
  const qdeFile = `${archiveName}/${qde}`;
  const root = parseXml(decode(zip.read(qde), qdeFile), qdeFile, { ...limitsXml(options.limits) });
  checkNamespace(root, PROJECT_NAMESPACE, qdeFile, 'project');
  const r: Reader = new Reader(qdeFile);
  const unit = chooseUnit(options.positions, root.attrs.origin);
  // Source files by lower-cased name: MAXQDA writes sources/, NVivo Sources/.
  const byLower = new Map<string, string>();
  for (const n of names) if (n.startsWith(base)) byLower.set(n.slice(base.length).toLowerCase(), n);
  const texts = new Map<string, string>();
  const external: string[] = [];
  const resolve = (el: XmlElement, path: string): string | null => {
    const m = /^([a-z]+):\/\/\/?(.*)$/i.exec(path);
    const scheme = m ? m[1].toLowerCase() : null;
    if (scheme && scheme !== 'internal') {
      external.push(`${el.attrs.name ?? el.attrs.guid} (${path.slice(0, 80)})`);
      return null;
    }
    const rel = (m ? m[2] : path).replace(/\\/g, '/');
    if (!scheme) r.warnings.add('source paths without internal:// read from sources/', path.slice(0, 60));
    const entry = byLower.get(`sources/${rel.toLowerCase()}`) ?? byLower.get(rel.toLowerCase());
    if (!entry) r.fail(el, `${r.describe(el)}: its text ${path} is not in the archive`);
    let t = texts.get(entry);
    if (t === undefined) {
      t = decode(zip.read(entry), `${archiveName}/${entry}`);
      texts.set(entry, t);
    }
    return t;
  };
  const project = readProject(r, root, resolve, unit);
  checkReferences(r, project);
  const warnings = [...extraWarnings, ...r.warnings.list().map((w) => `${qdeFile}: ${w}`)];
  if (external.length)
    warnings.push(
      `${qdeFile}: sources outside the archive skipped with their codings: ${external.length} (first: ${external[0]})`,
    );
  const unitMatters = project.sources.some(
    (s) => (unit.unit === 'utf16' && /[\uD800-\uDBFF]/.test(s.text)) || (unit.crlfAsOne && s.text.includes('\r\n')),
  );
  if (unitMatters)
    warnings.push(
      `${qdeFile}: positions read as ${unit.unit === 'utf16' ? 'UTF-16 code units' : 'code points'}${unit.crlfAsOne ? ', a CR LF counted as one' : ''} (as ${project.origin ?? 'the file'} writes them)`,
    );
  return { project, positions: unit, warnings };
}

function limitsXml(l: Partial<XmlLimits> | undefined): XmlLimits {
  return {
    maxDepth: l?.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth,
    maxElements: l?.maxElements ?? DEFAULT_XML_LIMITS.maxElements,
  };
}

export interface QdpxWriteOptions {
  /** `utf16` writes positions as NVivo reads them; the default follows REFI-QDA 1.5 (code points). */
  positions?: 'codepoint' | 'utf16';
}

function utf8(text: string, where: string): Uint8Array {
  const r = encodeUtf8(text);
  if ('loneSurrogate' in r)
    throw new QdpxWriteError(`${where} holds a lone surrogate at UTF-16 index ${r.loneSurrogate}, which is not text`);
  return r.bytes;
}

/** Writes a .qdpx: project.qde and one sources/<guid>.txt per text (UTF-8, no BOM); `origin` becomes Frame Lens. */
export function writeQdpx(project: QdpxProject, options: QdpxWriteOptions = {}): Uint8Array {
  const files = new Map<string, string>();
  const origin = options.positions === 'utf16' ? `${ORIGIN} (positions: UTF-16 code units)` : ORIGIN;
  const xml = writeProjectXml({ ...project, origin }, files, options.positions);
  const entries: [string, Uint8Array][] = [['project.qde', utf8(xml, 'project.qde')]];
  // Readers drop one leading BOM (NVivo and QualCoder write one), so a text that starts with U+FEFF gets one in front.
  for (const [name, text] of files)
    entries.push([`sources/${name}`, utf8(text.startsWith('\uFEFF') ? `\uFEFF${text}` : text, `sources/${name}`)]);
  return writeZip(entries);
}

/** Reads a .qdc codebook. */
export function parseQdc(
  bytes: Uint8Array,
  options: { file?: string; limits?: Partial<XmlLimits> } = {},
): {
  codebook: QdcCodebook;
  warnings: string[];
} {
  const file = options.file ?? 'codebook.qdc';
  const root = parseXml(decode(bytes, file), file, limitsXml(options.limits));
  checkNamespace(root, CODEBOOK_NAMESPACE, file, 'codebook');
  const r: Reader = new Reader(file);
  const codebook = readCodebook(r, root);
  return { codebook, warnings: r.warnings.list().map((w) => `${file}: ${w}`) };
}

/** Writes a .qdc. */
export function writeQdc(codebook: QdcCodebook): Uint8Array {
  if (codebook.codes.length === 0)
    throw new QdpxWriteError('a codebook without codes cannot be written as .qdc (the schema needs one)');
  return utf8(writeCodebookXml({ ...codebook, origin: ORIGIN }), 'the codebook');
}
