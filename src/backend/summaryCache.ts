import { join } from 'node:path';
import { type RecordSummary, STATUSES } from '../core/model';
import { CheckedCacheFile, SaveHold } from './checkedCache';

export const CACHE_DIR = '.framelens-cache';
const CACHE_FILE = 'summaries.json';
const FORMAT = 1;

/** One annotation file as last read: its version stamp, the index entry it was checked against, the verdict. */
export interface SummaryRow {
  stamp: string;
  /** `textHash:length` of the document's index entry when the file was checked. */
  entry: string;
  /** Why the file is not a usable record (it stays out of every count), or null. */
  problem: string | null;
  summary: RecordSummary | null;
}

type StoredRow = [
  document: string,
  stamp: string,
  entry: string,
  problem: string | null,
  summary: RecordSummary | null,
];

export class SummaryCache {
  private readonly byAnnotator = new Map<string, Map<string, SummaryRow>>();
  /** Words per document text, by textHash (a text never changes under its hash). */
  private readonly words = new Map<string, number>();
  private loading: Promise<void> | null = null;
  private readonly file = new CheckedCacheFile(
    () => this.path,
    FORMAT,
    () => ({ annotators: this.storedRows(), words: [...this.words] }),
  );
  /** How the cache was found at open, for the bench and the tests. */
  lastLoad = { fromCache: false, problem: null as string | null };
  /** Annotation files read to summarise them since the project opened. */
  reads = 0;

  constructor(private readonly root: string) {}

  get path(): string {
    return join(this.root, CACHE_DIR, CACHE_FILE);
  }

  /** Reads the persisted cache once; later calls share the first. */
  load(): Promise<void> {
    this.loading ??= this.readCache();
    return this.loading;
  }

  rows(annotator: string): Map<string, SummaryRow> {
    let rows = this.byAnnotator.get(annotator);
    if (!rows) {
      rows = new Map();
      this.byAnnotator.set(annotator, rows);
    }
    return rows;
  }

  set(annotator: string, document: string, row: SummaryRow): void {
    this.rows(annotator).set(document, this.shared(annotator, document, row));
    this.changed();
  }

  /**
   * The row with what it has in common with other rows as one object each: the document's index entry (the same for
   * every annotator's row), the document and annotator names (the map keys), and an empty set of document labels.
   * There is a row for every annotation file, so these copies were a large part of the cache in memory.
   */
  private shared(annotator: string, document: string, row: SummaryRow): SummaryRow {
    for (const [a, rows] of this.byAnnotator) {
      if (a === annotator) continue;
      const other = rows.get(document);
      if (other?.entry === row.entry) {
        row.entry = other.entry;
        break;
      }
    }
    const summary = row.summary;
    if (summary) {
      summary.document = document;
      summary.annotator = annotator;
      if (isEmpty(summary.docLabels)) summary.docLabels = NO_DOC_LABELS;
    }
    return row;
  }

  delete(annotator: string, document: string): void {
    if (this.byAnnotator.get(annotator)?.delete(document)) this.changed();
  }

  /** Drops annotators no longer present. */
  keepAnnotators(present: readonly string[]): void {
    for (const a of [...this.byAnnotator.keys()])
      if (!present.includes(a)) {
        this.byAnnotator.delete(a);
        this.changed();
      }
  }

  wordsOf(textHash: string): number | undefined {
    return this.words.get(textHash);
  }

  setWords(textHash: string, words: number): void {
    this.words.set(textHash, words);
    this.changed();
  }

  /** Forgets word counts of texts no document has any longer. */
  keepTexts(hashes: ReadonlySet<string>): void {
    for (const h of [...this.words.keys()])
      if (!hashes.has(h)) {
        this.words.delete(h);
        this.changed();
      }
  }

  private readonly hold = new SaveHold(() => [this.file]);

  /** Runs `task` with the cache's save held until it ends (a listing's pass saves it once). */
  deferSaves<T>(task: () => Promise<T>): Promise<T> {
    return this.hold.during(task);
  }

  private changed(): void {
    this.hold.changed(this.file);
  }

  private async readCache(): Promise<void> {
    this.lastLoad = { fromCache: false, problem: null };
    const problem = await this.file.load(
      (data) => this.adopt(data),
      () => {
        this.byAnnotator.clear();
        this.words.clear();
      },
    );
    this.lastLoad = { fromCache: problem === null, problem };
  }

  /** Takes the cache's rows, or says why not (the caller then drops whatever was taken). */
  private adopt(body: unknown): string | null {
    const data = body as { annotators?: unknown; words?: unknown } | null;
    if (!data || typeof data.annotators !== 'object' || !data.annotators || !Array.isArray(data.words))
      return 'wrong shape';
    for (const [annotator, rows] of Object.entries(data.annotators as Record<string, unknown>)) {
      if (!Array.isArray(rows)) return 'wrong shape';
      const map = this.rows(annotator);
      for (const row of rows as StoredRow[]) {
        if (
          !Array.isArray(row) ||
          typeof row[0] !== 'string' ||
          typeof row[1] !== 'string' ||
          typeof row[2] !== 'string'
        )
          return 'wrong shape';
        const [document, stamp, entry, problem, summary] = row;
        if (problem === null ? !isSummary(summary, annotator, document) : typeof problem !== 'string')
          return 'wrong shape';
        map.set(
          document,
          this.shared(annotator, document, { stamp, entry, problem, summary: problem === null ? summary : null }),
        );
      }
    }
    for (const pair of data.words as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !Number.isInteger(pair[1])) return 'wrong shape';
      this.words.set(pair[0], pair[1]);
    }
    return null;
  }

  /** Writes the cache now (a pending save included); the cache folder ignores itself in git. */
  save(): Promise<void> {
    return this.file.save();
  }

  private storedRows(): Record<string, StoredRow[]> {
    const annotators: Record<string, StoredRow[]> = {};
    for (const [a, rows] of this.byAnnotator)
      annotators[a] = [...rows].map(([d, r]) => [d, r.stamp, r.entry, r.problem, r.summary]);
    return annotators;
  }
}

const NO_DOC_LABELS: RecordSummary['docLabels'] = Object.freeze({});

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

function isSummary(value: unknown, annotator: string, document: string): value is RecordSummary {
  const s = value as RecordSummary | null;
  return (
    !!s &&
    typeof s === 'object' &&
    s.annotator === annotator &&
    s.document === document &&
    (STATUSES as readonly string[]).includes(s.status) &&
    Number.isInteger(s.spans) &&
    Number.isInteger(s.suggested) &&
    Number.isInteger(s.relations) &&
    !!s.labels &&
    typeof s.labels === 'object' &&
    !!s.docLabels &&
    typeof s.docLabels === 'object'
  );
}
