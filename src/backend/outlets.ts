// Outlet comparison and suggestions over a project's files: loads the documents and the selected
// layers, then hands them to the pure functions in src/core.

import type { OutletReport } from '../core/api';
import type { AnnotationRecord } from '../core/model';
import { GOLD } from '../core/model';
import { OffsetMap } from '../core/offsets';
import {
  type CorpusTables,
  countWords,
  normalizePhrase,
  type OutletDocument,
  spanKey,
  tableCorpus,
} from '../core/outlets';
import { namedPhrases, type StorySuggestion, suggestStoriesFrom } from '../core/stories';
import { buildLexicon, findSuggestions, type Suggestion } from '../core/suggestions';
import type { PhraseRow } from './phraseCache';
import { type Project, ProjectError, stampOfSync } from './project';
import { outletTables, updatedOutletTables } from './reportCompute';

/** Whose spans count: one annotator, gold, or (default) every annotator but gold. */
interface LayerSelection {
  annotator?: string;
  gold?: boolean;
}

/** The selected layers' records, refusing an unknown annotator by name. */
export async function selectedRecords(project: Project, selection: LayerSelection): Promise<AnnotationRecord[]> {
  const annotators = await project.annotators();
  if (selection.annotator && !annotators.includes(selection.annotator))
    throw new ProjectError(
      `no annotator ${JSON.stringify(selection.annotator)} (known: ${annotators.join(', ') || 'none'})`,
    );
  const names = selection.gold
    ? [GOLD]
    : selection.annotator
      ? [selection.annotator]
      : annotators.filter((a) => a !== GOLD);
  const out: AnnotationRecord[] = [];
  for (const a of names) out.push(...(await project.records(a)));
  return out;
}

/** Every document with its text (loaded in parallel batches); `progress` hears documents read of all. */
export async function loadDocuments(
  project: Project,
  progress?: (done: number, total: number) => void,
): Promise<OutletDocument[]> {
  const ids = [...project.index.keys()];
  const out: OutletDocument[] = [];
  for (let i = 0; i < ids.length; i += 64) {
    out.push(...(await Promise.all(ids.slice(i, i + 64).map((id) => project.getDocument(id)))));
    progress?.(out.length, ids.length);
  }
  return out;
}

/**
 * Brings the phrase cache up to date for `records` and answers every
 * document's row in index order. A document is read only when its file changed since its row was made, when it
 * has no row, or when a record has a span whose phrase is not kept yet. `progress` hears documents read of all
 * to read.
 */
async function phraseRows(
  project: Project,
  records: AnnotationRecord[],
  progress?: (done: number, total: number) => void,
): Promise<[string, PhraseRow][]> {
  const cache = project.phraseCache;
  await cache.load();
  const ids = [...project.index.keys()];
  cache.keep(new Set(ids));
  const stamps = new Map<string, string>();
  const read = new Set<string>();
  // synchronous stats in slices, as Project.records: a promise per file costs several times the stat itself
  for (let i = 0; i < ids.length; i += 2000) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    for (const id of ids.slice(i, i + 2000)) {
      const stamp = stampOfSync(project.layout.documentFile(id));
      stamps.set(id, stamp);
      const row = cache.get(id);
      if (!row || row.stamp !== stamp) read.add(id);
    }
  }
  const spans = new Map<string, { start: number; end: number }[]>();
  for (const r of records) {
    if (!stamps.has(r.document)) continue;
    const kept = read.has(r.document) ? undefined : cache.get(r.document)?.phrases;
    const missing = kept ? r.spans.filter((s) => !kept.has(spanKey(s.start, s.end))) : r.spans;
    if (missing.length === 0) continue;
    read.add(r.document);
    const list = spans.get(r.document);
    if (list) list.push(...missing);
    else spans.set(r.document, [...missing]);
  }
  if (read.size) {
    const order = ids.filter((id) => read.has(id));
    progress?.(0, order.length);
    let done = 0;
    await cache.deferSaves(async () => {
      for await (const doc of project.documentsInOrder(order)) {
        cache.reads++;
        const old = cache.get(doc.id);
        const same = old && old.textHash === doc.textHash;
        const row: PhraseRow = {
          stamp: stamps.get(doc.id)!,
          textHash: doc.textHash,
          meta: doc.meta,
          words: same ? old.words : countWords(doc.text),
          // found while the text is in hand: story suggestions then never read the documents again
          named: same ? old.named : [...namedPhrases(doc.text)],
          phrases: same ? old.phrases : new Map(),
        };
        const wanted = spans.get(doc.id) ?? [];
        if (wanted.length) {
          const map = new OffsetMap(doc.text);
          for (const s of wanted)
            row.phrases.set(
              spanKey(s.start, s.end),
              normalizePhrase(doc.text.slice(map.toUtf16(s.start), map.toUtf16(s.end))),
            );
        }
        cache.set(doc.id, row);
        if (++done % 64 === 0) progress?.(done, order.length);
      }
    });
    progress?.(order.length, order.length);
  }
  return ids.map((id) => [id, cache.get(id)!]);
}

/** The outlet tables' input from the phrase cache: no document is read whose file and spans are as before. */
export async function outletCorpus(
  project: Project,
  records: AnnotationRecord[],
  progress?: (done: number, total: number) => void,
): Promise<CorpusTables> {
  const rows = await phraseRows(project, records, progress);
  return {
    documents: rows.map(([id, row]) => ({ id, meta: row.meta })),
    words: new Map(rows.map(([id, row]) => [id, row.words])),
    phrases: new Map(rows.map(([id, row]) => [id, row.phrases])),
  };
}

/** Story suggestions from the named phrases the phrase cache keeps (a warm call reads no document). */
export async function projectStorySuggestions(project: Project): Promise<StorySuggestion[]> {
  const rows = await phraseRows(project, []);
  return suggestStoriesFrom(rows.map(([id, row]) => ({ id, meta: row.meta, named: row.named })));
}

/** The last outlet tables of a project with what they were computed from (the same objects while unchanged). */
interface KeptTables {
  filter: string;
  records: AnnotationRecord[];
  corpus: CorpusTables;
  report: OutletReport;
}

const keptTables = new WeakMap<Project, KeptTables>();

function sameInputs(kept: KeptTables, records: AnnotationRecord[], corpus: CorpusTables): boolean {
  if (kept.records.length !== records.length || kept.corpus.documents.length !== corpus.documents.length) return false;
  for (let i = 0; i < records.length; i++) if (kept.records[i] !== records[i]) return false;
  // a changed document or phrase table is a new object in the phrase cache
  for (let i = 0; i < corpus.documents.length; i++) {
    const a = kept.corpus.documents[i]!;
    const b = corpus.documents[i]!;
    if (a.id !== b.id || a.meta !== b.meta || kept.corpus.phrases.get(a.id) !== corpus.phrases.get(b.id)) return false;
    if (kept.corpus.words.get(a.id) !== corpus.words.get(b.id)) return false;
  }
  return true;
}

const recordKey = (r: AnnotationRecord) => `${r.annotator}\n${r.document}`;

/**
 * The documents whose inputs to the tables differ between the kept ones and these: a record added, removed or
 * changed (a saved record is a new object), metadata, words or the phrase table changed (each a new object in the
 * phrase cache). Null when the documents themselves differ (added, removed): the tables are then computed anew.
 */
function changedDocuments(kept: KeptTables, records: AnnotationRecord[], corpus: CorpusTables): Set<string> | null {
  if (kept.corpus.documents.length !== corpus.documents.length) return null;
  const changed = new Set<string>();
  for (let i = 0; i < corpus.documents.length; i++) {
    const a = kept.corpus.documents[i]!;
    const b = corpus.documents[i]!;
    if (a.id !== b.id) return null;
    if (
      a.meta !== b.meta ||
      kept.corpus.phrases.get(a.id) !== corpus.phrases.get(b.id) ||
      kept.corpus.words.get(a.id) !== corpus.words.get(b.id)
    )
      changed.add(b.id);
  }
  // Records come in the same order from one call to the next: side by side, until one is added or removed.
  const n = kept.records.length === records.length ? records.length : -1;
  let i = 0;
  for (; i < n; i++) {
    const a = kept.records[i]!;
    const b = records[i]!;
    if (a === b) continue;
    if (a.annotator !== b.annotator || a.document !== b.document) break;
    changed.add(b.document);
  }
  if (n === records.length && i === n) return changed;
  const before = new Map(kept.records.map((r) => [recordKey(r), r]));
  let same = 0;
  for (const r of records) {
    if (before.get(recordKey(r)) === r) same++;
    else changed.add(r.document);
  }
  if (same !== kept.records.length) {
    const now = new Set(records.map(recordKey));
    for (const r of kept.records) if (!now.has(recordKey(r))) changed.add(r.document);
  }
  return changed;
}

/**
 * The outlet tables for these records and this corpus: the last ones computed when nothing they came from
 * changed; brought up to date in place when the records or phrases of a few documents changed (an edit); else
 * computed by `compute` (in place, or in a thread by a report job) and kept for the next call.
 */
export function keptOutletTables(
  project: Project,
  filter: { label?: string; story?: string },
  records: AnnotationRecord[],
  corpus: CorpusTables,
): { report: OutletReport } | { keep: (report: OutletReport) => void } {
  const key = JSON.stringify([filter.label ?? null, filter.story ?? null]);
  const keep = (report: OutletReport) => keptTables.set(project, { filter: key, records, corpus, report });
  const kept = keptTables.get(project);
  if (!kept || kept.filter !== key) return { keep };
  if (sameInputs(kept, records, corpus)) return { report: kept.report };
  const changed = changedDocuments(kept, records, corpus);
  // A few documents' share is replaced; past an eighth of them a count over all is about as quick.
  if (!changed || changed.size > Math.max(1, corpus.documents.length / 8)) return { keep };
  let report: OutletReport;
  try {
    report = updatedOutletTables(
      kept.report,
      { corpus: tableCorpus(kept.corpus), records: kept.records },
      { corpus: tableCorpus(corpus), records },
      changed,
      filter,
    );
  } catch {
    // kept tables that do not hold what they were counted from are counted again, never patched
    return { keep };
  }
  keep(report);
  return { report };
}

/** `framelens outlets --json`: phrases per label per outlet, plus label rates per outlet beside them. */
export async function projectOutlets(
  project: Project,
  options: LayerSelection & { label?: string; story?: string },
  visible: (records: AnnotationRecord[]) => Promise<AnnotationRecord[]> = async (r) => r,
): Promise<OutletReport> {
  const records = await visible(await selectedRecords(project, options));
  const corpus = await outletCorpus(project, records);
  const filter = { label: options.label, story: options.story };
  const kept = keptOutletTables(project, filter, records, corpus);
  if ('report' in kept) return kept.report;
  const report = outletTables(tableCorpus(corpus), records, filter);
  kept.keep(report);
  return report;
}

/**
 * Suggestions for one annotator: phrases any coder marked, found unlabelled in that annotator's documents. On a
 * document `blind` names (one the annotator codes in an open round) only the annotator's own phrases count, and
 * elsewhere only phrases marked on documents not blind to the annotator.
 */
export async function projectSuggestions(
  project: Project,
  annotator: string,
  documentIds?: string[],
  blind: (document: string) => boolean = () => false,
): Promise<Suggestion[]> {
  const documents = await loadDocuments(project);
  const all = await selectedRecords(project, {});
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const mine = new Map(all.filter((r) => r.annotator === annotator).map((r) => [r.document, r.spans]));
  const wanted = documentIds ? new Set(documentIds) : null;
  const asked = documents.filter((d) => !wanted || wanted.has(d.id));
  const open = asked.filter((d) => !blind(d.id));
  const closed = asked.filter((d) => blind(d.id));
  const out = findSuggestions(
    buildLexicon(
      texts,
      all.filter((r) => r.annotator === annotator || !blind(r.document)),
    ),
    open,
    mine,
  );
  if (closed.length === 0) return out;
  out.push(
    ...findSuggestions(
      buildLexicon(
        texts,
        all.filter((r) => r.annotator === annotator),
      ),
      closed,
      mine,
    ),
  );
  const order = new Map(asked.map((d, i) => [d.id, i]));
  return out.sort((a, b) => order.get(a.document)! - order.get(b.document)!);
}
