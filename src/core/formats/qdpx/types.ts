// The neutral intermediate of a REFI-QDA project (Project.xsd 1.0, REFI-QDA 1.5): what a .qdpx holds
// that Frame Lens can use, with its GUIDs, so a project can be written back as it came. Positions of
// text selections are code points of the source text as held here (the BOM, if any, not counted).

/** The types Project.xsd allows a variable (an attribute of documents and cases). */
export const VARIABLE_TYPES = ['Text', 'Boolean', 'Integer', 'Float', 'Date', 'DateTime'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** How one tool counted `startPosition`/`endPosition` in plain text. */
export interface PositionUnit {
  /** `codepoint`: REFI-QDA 1.5 §10.2; `utf16`: code units of UTF-16 (NVivo for Windows writes these). */
  unit: 'codepoint' | 'utf16';
  /** Whether a CR LF pair counts as one position (ATLAS.ti, by QualCoder's importer) instead of two. */
  crlfAsOne: boolean;
}

export interface QdpxUser {
  guid: string;
  name?: string;
  id?: string;
}

export interface QdpxCode {
  guid: string;
  name: string;
  isCodable: boolean;
  color?: string;
  description?: string;
  noteRefs: string[];
  children: QdpxCode[];
}

export interface QdpxVariable {
  guid: string;
  name: string;
  type: VariableType;
  description?: string;
}

/** A value of a variable, as written (the value element's text). */
export interface QdpxVariableValue {
  variable: string;
  type: VariableType;
  value: string;
}

export interface QdpxCoding {
  guid: string;
  code: string;
  creatingUser?: string;
  creationDateTime?: string;
  noteRefs: string[];
}

export interface QdpxTextSelection {
  guid: string;
  name?: string;
  /** Code points of the source's text, half-open. */
  start: number;
  end: number;
  description?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
  codings: QdpxCoding[];
  noteRefs: string[];
}

/** Who made a thing and when, as REFI-QDA's audit attributes say. */
export interface QdpxAudit {
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
}

export interface QdpxTextSource extends QdpxAudit {
  guid: string;
  name?: string;
  description?: string;
  /** The plain text exactly as the archive holds it (a leading BOM dropped). */
  text: string;
  /** `internal://…` as written, when the text came from a file of the archive. */
  plainTextPath?: string;
  richTextPath?: string;
  selections: QdpxTextSelection[];
  /** Codings of the whole source. */
  codings: QdpxCoding[];
  noteRefs: string[];
  variableValues: QdpxVariableValue[];
}

export interface QdpxNote extends QdpxAudit {
  guid: string;
  name?: string;
  description?: string;
  text: string;
  plainTextPath?: string;
}

export interface QdpxCase {
  guid: string;
  name?: string;
  description?: string;
  codeRefs: string[];
  variableValues: QdpxVariableValue[];
  sourceRefs: string[];
  selectionRefs: string[];
}

export interface QdpxSet {
  guid: string;
  name: string;
  description?: string;
  memberCodes: string[];
  memberSources: string[];
  memberNotes: string[];
}

export interface QdpxLink {
  guid: string;
  name?: string;
  direction?: 'Associative' | 'OneWay' | 'Bidirectional';
  color?: string;
  origin?: string;
  target?: string;
  noteRefs: string[];
}

export interface QdpxProject {
  name: string;
  origin?: string;
  creatingUser?: string;
  creationDateTime?: string;
  modifyingUser?: string;
  modifiedDateTime?: string;
  description?: string;
  users: QdpxUser[];
  codes: QdpxCode[];
  variables: QdpxVariable[];
  cases: QdpxCase[];
  sources: QdpxTextSource[];
  notes: QdpxNote[];
  links: QdpxLink[];
  sets: QdpxSet[];
  /** Notes on the project as a whole. */
  noteRefs: string[];
}

/** A REFI-QDA codebook (.qdc): codes and sets of codes. */
export interface QdcCodebook {
  origin?: string;
  codes: QdpxCode[];
  sets: QdpxSet[];
}

/** What a parse read past and why, for the import preview. */
export interface QdpxParseResult {
  project: QdpxProject;
  positions: PositionUnit;
  warnings: string[];
}

export type { Memo, MemoTarget } from '../../model';
