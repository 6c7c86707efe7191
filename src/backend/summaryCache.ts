import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type RecordSummary, STATUSES } from '../core/model';
import { CheckedCacheFile, SaveHold } from './checkedCache';

export const CACHE_DIR = '.framelens-cache';
/** One file per annotator (a list reads only its annotator's rows) and one of word counts. */
const CACHE_FOLDER = 'summaries';
const WORDS_FILE = 'words.json';
/** Where format 1 kept every annotator's rows in one file; removed once the folder is used. */
const OLD_FILE = 'summaries.json';
const FORMAT = 2;

/** One annotation file as last read: its version stamp, the index entry it was checked against, the verdict. */
export interface SummaryRow {
  stamp: string;
  /** `textHash:length` of the document's index entry when the file was checked. */
  entry: string;
  /** Why the file is not a usable record (it stays out of every count), or null. */
  problem: string | null;
  summary: RecordSummary | null;
}

/** How a cache file was found when it was loaded. */
export interface CacheLoad {
  fromCache: boolean;
  problem: string | null;
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
  /** Each annotator's cache file, and the words' under '' (annotator names are never empty). */
  private readonly files = new Map<string, CheckedCacheFile>();
  private readonly loads = new Map<string, Promise<void>>();
  /** How the cache file last loaded was found (an annotator's rows, else the word counts), for the bench and the tests. */
  lastLoad: CacheLoad = { fromCache: false, problem: null };
  /** How each annotator's file was found at its load. */
  readonly loaded = new Map<string, CacheLoad>();
  /** Annotation files read to summarise them since the project opened. */
  reads = 0;

  constructor(private readonly root: string) {}

  /** The folder of the cache files. */
  get dir(): string {
    return join(this.root, CACHE_DIR, CACHE_FOLDER);
  }

  /** The cache file of one annotator's rows. */
  pathOf(annotator: string): string {
    return join(this.dir, `${annotator}.json`);
  }

  private fileOf(key: string): CheckedCacheFile {
    let file = this.files.get(key);
    if (!file) {
      file =
        key === ''
          ? new CheckedCacheFile(
              () => join(this.dir, WORDS_FILE),
              FORMAT,
              () => [...this.words],
            )
          : new CheckedCacheFile(
              () => this.pathOf(key),
              FORMAT,
              () => this.storedRows(key),
              // a save never writes rows taken before the file's own were read: those would be lost
              () => this.load(key),
            );
      this.files.set(key, file);
    }
    return file;
  }

  /**
   * Reads the persisted word counts and, when given, the annotator's rows, each file once; later calls share the
   * first. Only the annotators asked for are read: a list of one annotator's documents reads one file.
   */
  load(annotator?: string): Promise<void> {
    const keys = annotator === undefined ? [''] : ['', annotator];
    return Promise.all(keys.map((key) => this.loadOne(key))).then(() => {});
  }

  /** Whether the annotator's rows were read from their file (or found missing) yet. */
  isLoaded(annotator: string): boolean {
    return this.loads.has(annotator);
  }

  private loadOne(key: string): Promise<void> {
    let loading = this.loads.get(key);
    if (!loading) {
      loading = this.readFile(key);
      this.loads.set(key, loading);
      // the format-1 file of every annotator is nobody's any more
      if (key === '') void rm(join(this.root, CACHE_DIR, OLD_FILE), { force: true }).catch(() => {});
    }
    return loading;
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
    this.changed(annotator);
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
    if (this.byAnnotator.get(annotator)?.delete(document)) this.changed(annotator);
  }

  /** Drops annotators no longer present (their files are saved empty). */
  keepAnnotators(present: readonly string[]): void {
    for (const [a, rows] of this.byAnnotator)
      if (!present.includes(a) && rows.size > 0) {
        rows.clear();
        this.changed(a);
      }
  }

  wordsOf(textHash: string): number | undefined {
    return this.words.get(textHash);
  }

  setWords(textHash: string, words: number): void {
    this.words.set(textHash, words);
    this.changed('');
  }

  /** Forgets word counts of texts no document has any longer. */
  keepTexts(hashes: ReadonlySet<string>): void {
    for (const h of [...this.words.keys()])
      if (!hashes.has(h)) {
        this.words.delete(h);
        this.changed('');
      }
  }

  private readonly hold = new SaveHold(() => this.files.values());

  /** Runs `task` with the cache's save held until it ends (a listing's pass saves it once). */
  deferSaves<T>(task: () => Promise<T>): Promise<T> {
    return this.hold.during(task);
  }

  private changed(key: string): void {
    this.hold.changed(this.fileOf(key));
  }

  private async readFile(key: string): Promise<void> {
    const taken: string[] = [];
    const problem = await this.fileOf(key).load(
      (data) => (key === '' ? this.adoptWords(data) : this.adoptRows(key, data, taken)),
      () => {
        if (key === '') this.words.clear();
        else for (const document of taken) this.byAnnotator.get(key)?.delete(document);
      },
    );
    const load = { fromCache: problem === null, problem };
    if (key !== '') this.loaded.set(key, load);
    this.lastLoad = load;
  }

  /**
   * Takes one annotator's stored rows (not over a row set since the project opened: that one is newer), or says why
   * not; `taken` names the rows taken, for the caller to drop when the body is refused.
   */
  private adoptRows(annotator: string, body: unknown, taken: string[]): string | null {
    if (!Array.isArray(body)) return 'wrong shape';
    const map = this.rows(annotator);
    for (const row of body as StoredRow[]) {
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || typeof row[2] !== 'string')
        return 'wrong shape';
      const [document, stamp, entry, problem, summary] = row;
      if (problem === null ? !isSummary(summary, annotator, document) : typeof problem !== 'string')
        return 'wrong shape';
      if (map.has(document)) continue;
      map.set(
        document,
        this.shared(annotator, document, { stamp, entry, problem, summary: problem === null ? summary : null }),
      );
      taken.push(document);
    }
    return null;
  }

  private adoptWords(body: unknown): string | null {
    if (!Array.isArray(body)) return 'wrong shape';
    for (const pair of body as unknown[]) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || !Number.isInteger(pair[1])) return 'wrong shape';
      this.words.set(pair[0], pair[1]);
    }
    return null;
  }

  /** Writes the cache now (pending saves included); the cache folder ignores itself in git. */
  async save(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => f.save()));
  }

  private storedRows(annotator: string): StoredRow[] {
    const rows = this.byAnnotator.get(annotator) ?? new Map<string, SummaryRow>();
    return [...rows].map(([d, r]) => [d, r.stamp, r.entry, r.problem, r.summary]);
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
