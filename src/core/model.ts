// The domain model shared by every layer: documents, spans, annotation records, the codebook.
// Offsets in this model are Unicode code points, half-open [start, end), as at every boundary.

/** Annotation progress is tracked per document and annotator (interchange.md `status`). */
export const STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/** The reserved name of the adjudicated layer; no real annotator may use it. */
export const GOLD = 'gold';

/** The reserved name of the model's cross-fitted layer (read-only, never a person, never gold). */
export const MODEL = 'model';

/** Whether a name collides with the model's layer (case-insensitive file systems would merge `Model` and `model`). */
export function isModelName(name: string): boolean {
  return name.toLowerCase() === MODEL;
}

/** Document metadata as the interchange format carries it; every key optional. */
export interface DocumentMeta {
  title?: string;
  outlet?: string;
  /** ISO date (YYYY-MM-DD) when parseable. */
  published?: string;
  /** The date as written in the source when it could not be parsed. */
  publishedRaw?: string;
  author?: string;
  url?: string;
  story?: string;
  source?: string;
}

/** One imported article; its text is immutable after import. */
export interface DocumentRecord {
  id: string;
  text: string;
  /** "sha256:<hex>" of the text's UTF-8 bytes. */
  textHash: string;
  meta: DocumentMeta;
  /** The token boundaries the source gave (CoNLL, WebAnno TSV): sentences of [start, end) code points. */
  tokens?: [number, number][][];
}

/** What the document list shows without loading the text. */
export interface DocumentSummary {
  id: string;
  meta: DocumentMeta;
  length: number;
  textHash: string;
  status: Status;
  spans: number;
  /** Span labels the annotator used in this document (when listed for an annotator). */
  labels?: string[];
}

/** One labelled stretch of text, code-point offsets. */
export interface Span {
  /** Unique within its record and kept through resize and relabel (src/core/spanIds.ts); absent only before a span is first stored. */
  id?: string;
  start: number;
  end: number;
  label: string;
  note?: string;
  /** `suggestion`: the coder accepted it from the model's suggestions (it is the coder's span all the same). */
  origin?: SpanOrigin;
}

/** Where a span came from when not drawn by hand. */
export const SPAN_ORIGINS = ['suggestion'] as const;
export type SpanOrigin = (typeof SPAN_ORIGINS)[number];

/** A single-choice value or a list of chosen options of one document-label group. */
export type DocLabelValue = string | string[];

/** One annotator's (or gold's) coding of one document. */
export interface AnnotationRecord {
  document: string;
  annotator: string;
  textHash: string;
  codebookVersion: number;
  status: Status;
  spans: Span[];
  docLabels: Record<string, DocLabelValue>;
  updatedAt: string;
  /** Gold layer only: every adjudication decision, in the order made. */
  decisions?: GoldDecision[];
  /** Gold layer only: every decision on a document-level label group. */
  docLabelDecisions?: DocLabelDecision[];
  /** Links between two spans of this record, by span id; absent in files written before relations. */
  relations?: Relation[];
  /** Gold layer only: every decision on a relation. */
  relationDecisions?: RelationDecision[];
}

/**
 * What project-wide counts need of one stored record, without its spans: kept per file in the backend's derived
 * cache so lists, statistics and outlet counts never read every record.
 */
export interface RecordSummary {
  document: string;
  annotator: string;
  status: Status;
  updatedAt: string;
  /** How many spans, and how many per label. */
  spans: number;
  labels: Record<string, number>;
  /** Spans accepted from the model's suggestions. */
  suggested: number;
  relations: number;
  docLabels: Record<string, DocLabelValue>;
}

/**
 * A directed link from one span to another of the same record (a symmetric type is stored with `from`
 * the earlier span in text order). Both ends name stored span ids, so a relation survives resize and relabel.
 */
export interface Relation {
  from: string;
  to: string;
  type: string;
  note?: string;
}

/** A relation a gold decision names: its ends as gold spans (ids once gold holds them). */
export interface DecidedRelation {
  type: string;
  from: DecidedSpan;
  to: DecidedSpan;
}

/** One adjudication decision on a relation: who settled it how, and why. */
export interface RelationDecision {
  action: 'accept' | 'reject' | 'edit';
  /** The relation as it is in gold (accept, edit) or as it was proposed (reject). */
  relation: DecidedRelation;
  /** Edit: the gold relation this one replaces (another type, or the other direction). */
  replaces?: DecidedRelation;
  /** The annotators whose relations this decision settles. */
  sources: string[];
  by: string;
  reason: DecisionReason;
  note?: string;
  at: string;
}

/** A gold decision on a document-level label group (stance, frames): the value chosen, who, why. */
export interface DocLabelDecision {
  group: string;
  /** The gold value; null clears the group. */
  value: DocLabelValue | null;
  sources: string[];
  by: string;
  reason: DecisionReason;
  note?: string;
  at: string;
}

/** Why a gold decision was made (counted per label to improve the codebook). */
export const DECISION_REASONS = ['unanimous', 'guideline-gap', 'ambiguous-text', 'coder-error', 'other'] as const;
export type DecisionReason = (typeof DECISION_REASONS)[number];

/** A span a gold decision names; `id` is the gold span's id (absent in decisions made before span ids). */
export interface DecidedSpan {
  id?: string;
  start: number;
  end: number;
  label: string;
}

/** One adjudication decision: who settled which span how, and why. */
export interface GoldDecision {
  action: 'accept' | 'reject' | 'edit' | 'merge';
  /** The span as it is in gold (accept, edit, merge) or as it was proposed (reject); its id is gold's. */
  span: DecidedSpan;
  /** Edit and merge: the spans this one replaces in gold (with the id of each that gold held). */
  replaces?: DecidedSpan[];
  /** The annotators whose spans this decision settles. */
  sources: string[];
  by: string;
  reason: DecisionReason;
  note?: string;
  at: string;
}

/**
 * An analyst's memo, per annotator as records are: on the project, a document, a span label, a group of
 * labels, or a stretch of text without a label (a QDA "memo segment"). A span's memo is its `note`.
 */
export interface Memo {
  /** A GUID: REFI-QDA needs one, and it keeps the memo the same memo across tools. */
  id: string;
  annotator: string;
  target: MemoTarget;
  title?: string;
  text: string;
  createdAt?: string;
  /** Set by the project on every save; a save sent on top of another version is refused (a conflict). */
  updatedAt?: string;
}

/** What a memo is about; offsets of a range are code points, half-open. */
export type MemoTarget =
  | { kind: 'project' }
  | { kind: 'document'; document: string }
  | { kind: 'label'; label: string }
  | { kind: 'group'; group: string }
  | { kind: 'range'; document: string; start: number; end: number };

export interface SpanLabel {
  name: string;
  color: string;
  /** What the label's chips in the text say, set by the analyst; derived from the name when absent. */
  short?: string;
  group?: string;
  hotkey?: string;
  description?: string;
  include?: string;
  exclude?: string;
  examples?: string[];
}

/**
 * A kind of link between spans ("attributes responsibility to", "refers to"). `source` and `target`, when
 * given, are the span labels a relation may start from and point at; a symmetric type has no direction.
 */
export interface RelationType {
  name: string;
  color: string;
  description?: string;
  source?: string[];
  target?: string[];
  symmetric?: boolean;
  hotkey?: string;
}

/** A document-level label group (stance: single; frames present: multiple). */
export interface DocLabelGroup {
  name: string;
  kind: 'single' | 'multiple';
  options: string[];
  description?: string;
}

/** The project's coding scheme; `version` is bumped on every change. */
export interface Codebook {
  version: number;
  spanLabels: SpanLabel[];
  docLabels: DocLabelGroup[];
  /** Absent in codebooks written before relations: none. */
  relationTypes?: RelationType[];
}

/** Project-wide settings that change how the app behaves. */
export interface ProjectSettings {
  name: string;
  /** Selections snap to words unless set to characters. */
  selectionUnit: 'word' | 'character';
  /** What "next document" follows; absent means the list order. */
  documentOrder?: DocumentOrder;
}

/** `list`: the document list's order; `uncertainty`: the model's most uncertain documents first. */
export const DOCUMENT_ORDERS = ['list', 'uncertainty'] as const;
export type DocumentOrder = (typeof DOCUMENT_ORDERS)[number];

/** A file of the project that could not be read; reported, never overwritten. */
export interface FileProblem {
  path: string;
  reason: string;
}
