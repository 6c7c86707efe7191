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
  /** Entries of one edit over several documents share a group, undone and redone together. */
  group?: number;
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

/** How many entries at the end of `list` belong to the last edit (its group, or itself). */
function lastEdit(list: HistoryEntry[]): number {
  const last = list[list.length - 1];
  if (!last) return 0;
  if (last.group === undefined) return 1;
  let n = 1;
  while (n < list.length && list[list.length - 1 - n].group === last.group) n++;
  return n;
}

/** Takes the last edit off the past (every entry of its group, newest first); the caller restores `before`. */
export function takeUndo(h: History): { history: History; entries: HistoryEntry[] } | null {
  const n = lastEdit(h.past);
  if (n === 0) return null;
  const entries = h.past.slice(-n).reverse();
  return { history: { past: h.past.slice(0, -n), future: [...h.future, ...entries] }, entries };
}

/** Takes the last undone edit back (every entry of its group, oldest first); the caller restores `after`. */
export function takeRedo(h: History): { history: History; entries: HistoryEntry[] } | null {
  const n = lastEdit(h.future);
  if (n === 0) return null;
  const entries = h.future.slice(-n).reverse();
  return { history: { past: [...h.past, ...entries], future: h.future.slice(0, -n) }, entries };
}

/** After one document's record is replaced from disk, its older edits must not be restored over it. */
export function withoutDocument(h: History, document: string, annotator: string): History {
  const keep = (e: HistoryEntry) => e.document !== document || e.annotator !== annotator;
  return { past: h.past.filter(keep), future: h.future.filter(keep) };
}
