// Undo/redo of whole-record edits, across documents: each entry remembers which document it changed.
import type { WorkingRecord } from './record';

/** One edit as the record before and after it, with where it happened and what it was. */
export interface HistoryEntry {
  document: string;
  annotator: string;
  textHash: string;
  before: WorkingRecord;
  after: WorkingRecord;
  what: string;
}

/** A bounded past and future; a new edit clears the future, as every editor does. */
export interface History {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** How many edits are kept (records share span arrays, so this stays small). */
const HISTORY_LIMIT = 300;

export function emptyHistory(): History {
  return { past: [], future: [] };
}

export function pushEdit(h: History, entry: HistoryEntry): History {
  const past = [...h.past, entry];
  return { past: past.length > HISTORY_LIMIT ? past.slice(-HISTORY_LIMIT) : past, future: [] };
}

/** Takes the last edit off the past; the caller restores `before`. */
export function takeUndo(h: History): { history: History; entry: HistoryEntry } | null {
  const entry = h.past[h.past.length - 1];
  if (!entry) return null;
  return { history: { past: h.past.slice(0, -1), future: [...h.future, entry] }, entry };
}

/** Takes the last undone edit back; the caller restores `after`. */
export function takeRedo(h: History): { history: History; entry: HistoryEntry } | null {
  const entry = h.future[h.future.length - 1];
  if (!entry) return null;
  return { history: { past: [...h.past, entry], future: h.future.slice(0, -1) }, entry };
}

/** After one document's record is replaced from disk, its older edits must not be restored over it. */
export function withoutDocument(h: History, document: string, annotator: string): History {
  const keep = (e: HistoryEntry) => e.document !== document || e.annotator !== annotator;
  return { past: h.past.filter(keep), future: h.future.filter(keep) };
}
