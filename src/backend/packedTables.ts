// Outlet tables as a report thread hands them back. Structured-cloning a table of 900,000 phrase rows (a
// 10,000-document project) cost the thread over a second and the receiving side as much again, about as much as
// counting them; here the rows' counts and documents travel as typed arrays whose buffers are transferred, and
// their phrases and the document ids each as one string. The encoding is lossless: a table with anything it cannot
// hold exactly (a line break in a phrase or an id, a row of another shape) travels whole.
import type { OutletReport } from '../core/api';
import type { PhraseRow, PhraseTable } from '../core/outlets';

export interface PackedPhraseTable {
  /** Per column in order: its key, its outlet and how many rows it has, as a JSON array. */
  columns: string;
  /** Every row's phrase, joined by line breaks. */
  phrases: string;
  count: Float64Array;
  /** Row k's documents are docs[docOff[k] .. docOff[k+1]), indices into `ids`. */
  docOff: Int32Array;
  docs: Int32Array;
  /** The document ids, joined by line breaks. */
  ids: string;
}

export interface PackedOutletReport {
  /** The report's keys in their order. */
  order: string[];
  /** Each phrase table, packed when it can be. */
  tables: Record<string, PackedPhraseTable | PhraseTable>;
  /** The report's other parts (rates, document labels), as they are. */
  rest: Record<string, unknown>;
}

const ROW_KEYS = ['phrase', 'count', 'documents'];
const TABLES = ['labels', 'relations'];

/** A row with exactly the keys a counted row has, in their order, holding a phrase and ids without line breaks. */
function packableRow(row: PhraseRow): boolean {
  let i = 0;
  for (const key in row) if (key !== ROW_KEYS[i++]) return false;
  if (i !== ROW_KEYS.length) return false;
  if (typeof row.phrase !== 'string' || row.phrase.includes('\n')) return false;
  if (typeof row.count !== 'number' || !Array.isArray(row.documents)) return false;
  for (const id of row.documents) if (typeof id !== 'string' || id.includes('\n')) return false;
  return true;
}

/** The table packed, or null when a row cannot be packed exactly. */
export function packPhraseTable(table: PhraseTable): PackedPhraseTable | null {
  const columns: [string, string, number][] = [];
  let rows = 0;
  let refs = 0;
  for (const [key, byOutlet] of Object.entries(table))
    for (const [outlet, list] of Object.entries(byOutlet)) {
      if (!Array.isArray(list)) return null;
      columns.push([key, outlet, list.length]);
      rows += list.length;
      for (const row of list) {
        if (!packableRow(row)) return null;
        refs += row.documents.length;
      }
    }
  const phrases: string[] = new Array(rows);
  const count = new Float64Array(rows);
  const docOff = new Int32Array(rows + 1);
  const docs = new Int32Array(refs);
  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  let r = 0;
  let d = 0;
  for (const byOutlet of Object.values(table))
    for (const list of Object.values(byOutlet))
      for (const row of list) {
        phrases[r] = row.phrase;
        count[r] = row.count;
        for (const id of row.documents) {
          let k = idIndex.get(id);
          if (k === undefined) {
            k = ids.length;
            ids.push(id);
            idIndex.set(id, k);
          }
          docs[d++] = k;
        }
        docOff[++r] = d;
      }
  return { columns: JSON.stringify(columns), phrases: phrases.join('\n'), count, docOff, docs, ids: ids.join('\n') };
}

export function unpackPhraseTable(p: PackedPhraseTable): PhraseTable {
  const columns = JSON.parse(p.columns) as [string, string, number][];
  const phrases = p.count.length ? p.phrases.split('\n') : [];
  const ids = p.docs.length ? p.ids.split('\n') : [];
  const out: PhraseTable = {};
  let r = 0;
  for (const [key, outlet, n] of columns) {
    const byOutlet = out[key] ?? {};
    out[key] = byOutlet;
    const list: PhraseRow[] = new Array(n);
    for (let i = 0; i < n; i++, r++) {
      const documents: string[] = new Array(p.docOff[r + 1]! - p.docOff[r]!);
      for (let j = p.docOff[r]!, k = 0; j < p.docOff[r + 1]!; j++, k++) documents[k] = ids[p.docs[j]!]!;
      list[i] = { phrase: phrases[r]!, count: p.count[r]!, documents };
    }
    byOutlet[outlet] = list;
  }
  return out;
}

function isPacked(t: PackedPhraseTable | PhraseTable): t is PackedPhraseTable {
  return t.count instanceof Float64Array;
}

export function packOutletReport(report: OutletReport): PackedOutletReport {
  const tables: PackedOutletReport['tables'] = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(report)) {
    if (TABLES.includes(key)) tables[key] = packPhraseTable(value as PhraseTable) ?? (value as PhraseTable);
    else rest[key] = value;
  }
  return { order: Object.keys(report), tables, rest };
}

/** The buffers to transfer with a message carrying `p` (the sender's copy is left empty). */
export function packedTableBuffers(p: PackedOutletReport): ArrayBuffer[] {
  return Object.values(p.tables).flatMap((t) =>
    isPacked(t) ? [t.count.buffer, t.docOff.buffer, t.docs.buffer].map((b) => b as ArrayBuffer) : [],
  );
}

export function unpackOutletReport(p: PackedOutletReport): OutletReport {
  const out: Record<string, unknown> = {};
  for (const key of p.order) {
    const table = p.tables[key];
    out[key] = table === undefined ? p.rest[key] : isPacked(table) ? unpackPhraseTable(table) : table;
  }
  return out as unknown as OutletReport;
}
