// The per-document work of an import that needs only the record itself: a scraped article's clean-up,
// normalization and detected metadata, then the text's hash, length and near-duplicate fingerprint. It runs
// in the import thread beside the parse (parseWorker.ts), so the thread that answers the API only checks and
// stages what arrives: a MinHash of a 50 KB article costs milliseconds, a thousand of them seconds.
import { CLEANUP_KINDS, type CleanupAction, type CleanupKind, cleanScrapedText } from '../core/cleanup';
import { type Signature, signature } from '../core/dedupe';
import { detectMeta, META_FIELDS, type MetaFinding, tidyMeta } from '../core/documentMeta';
import type { ImportOptions } from '../core/formats/options';
import { storedTokensFit } from '../core/formats/tokens';
import type { InterchangeLine } from '../core/formats/types';
import type { DocumentMeta } from '../core/model';
import { codePointLength } from '../core/offsets';
import { describeZodError, documentFileSchema, SCHEMA_VERSION } from '../core/schemas';
import { stableStringify } from '../core/stableJson';
import { normalizeArticleText, type TextChange } from '../core/text';
import { textHash } from './hash';

/** What the importer tells the thread about the import and the project before the parse starts. */
export interface PrepareSettings {
  clean?: ImportOptions['clean'];
  normalize: boolean;
  /** The project's outlet names: a detected outlet takes their spelling. */
  outlets: string[];
  /** Each document of the project with its text hash: a record of one of them needs no fingerprint. */
  known: [id: string, hash: string][];
  /** Metadata the user confirmed in the preview, by document id (a new document's file carries it). */
  meta?: ImportOptions['meta'];
  /** Whether the import writes (not a dry run): then each new document's file is laid out here. */
  files: boolean;
}

export interface Prepared {
  /** The text as stored, when clean-up or normalization changed what the source holds. */
  text?: string;
  meta: DocumentMeta;
  found: MetaFinding[];
  cleanup?: CleanupAction[];
  normalized?: TextChange[];
  warnings: string[];
  empty: boolean;
  hash: string;
  length: number;
  /** Absent for an empty text and for a document the project or an earlier record of the import holds. */
  signature?: Signature;
  /** The document's file as the project stores it, checked against its schema, when the document may be new. */
  file?: Uint8Array;
  /** The text is in `file` alone: the line's `text` is empty and `text` here absent (`textOf`). */
  inFile?: boolean;
  /** Why the document's file could not be laid out (the importer refuses the import with it). */
  fileProblem?: string;
}

export type PreparedLine = InterchangeLine & { prepared: Prepared };

/** A prepared line's text as stored (read back from its document file when only the file carries it). */
export function textOf(line: PreparedLine): string {
  const { prepared } = line;
  if (prepared.inFile && prepared.file)
    return (JSON.parse(new TextDecoder().decode(prepared.file)) as { text: string }).text;
  return prepared.text ?? line.text;
}

/** `clean: true` means every kind; a list means only those; absent means no clean-up. */
export function cleanupKinds(clean: ImportOptions['clean']): Partial<Record<CleanupKind, boolean>> | null {
  if (!clean) return null;
  if (clean === true) return {};
  const on = new Set(clean);
  return Object.fromEntries(CLEANUP_KINDS.map((k) => [k, on.has(k)]));
}

/** Prepares the lines of one import in order; it remembers the ids it has met. */
export function linePreparer(settings: PrepareSettings): (line: InterchangeLine) => PreparedLine {
  const kinds = cleanupKinds(settings.clean);
  const known = new Map(settings.known);
  const met = new Set<string>();
  return (line) => {
    const warnings: string[] = [];
    let text = line.text;
    let meta = line.meta;
    let found: MetaFinding[];
    let cleanup: CleanupAction[] | undefined;
    let normalized: TextChange[] | undefined;
    if (line.raw) {
      const file = line.where?.file ?? '';
      meta = { ...line.meta };
      if (kinds) {
        const cleaned = cleanScrapedText(text, kinds);
        if (cleaned.actions.length) cleanup = cleaned.actions;
        text = cleaned.text;
        if (!meta.title && cleaned.meta.title) meta.title = cleaned.meta.title;
        if (!meta.author && cleaned.meta.author) meta.author = cleaned.meta.author;
        const date = cleaned.meta.date;
        if (date && !meta.published && !meta.publishedRaw) {
          if ('iso' in date) meta.published = date.iso;
          else {
            meta.publishedRaw = date.raw;
            warnings.push(`${file}: date "${date.raw}" kept as written: ${date.problem}`);
          }
        }
      }
      if (settings.normalize) {
        const norm = normalizeArticleText(text);
        if (norm.changes.length) normalized = norm.changes;
        text = norm.text;
      }
      const detected = detectMeta({ text, meta, from: line.metaFrom, outlets: settings.outlets });
      meta = detected.meta;
      found = detected.found;
    } else
      found = META_FIELDS.flatMap((field) => (meta[field] ? [{ field, value: meta[field], from: 'the source' }] : []));
    const empty = text.trim() === '';
    const hash = textHash(text);
    const again = met.has(line.id) || known.get(line.id) === hash;
    if (!empty) met.add(line.id);
    const laid = settings.files && !empty && !again ? documentFile(line, text, hash, meta, settings) : {};
    // A new document's text travels in its file alone: copying 50 MB of texts to the importer's thread a
    // second time cost it the copy and the garbage collection of every one (`textOf` there reads the few it shows).
    const inFile = laid.file !== undefined;
    return {
      ...line,
      ...(inFile ? { text: '' } : {}),
      prepared: {
        ...(text !== line.text && !inFile ? { text } : {}),
        ...(inFile ? { inFile } : {}),
        meta,
        found,
        ...(cleanup ? { cleanup } : {}),
        ...(normalized ? { normalized } : {}),
        warnings,
        empty,
        hash,
        length: codePointLength(text),
        ...(empty || again ? {} : { signature: signature(text) }),
        ...laid,
      },
    };
  };
}

/**
 * A new document's file, serialized here rather than on the thread that writes it: stringifying and encoding
 * a thousand long texts costs that thread most of a second.
 */
function documentFile(
  line: InterchangeLine,
  text: string,
  hash: string,
  read: DocumentMeta,
  settings: PrepareSettings,
): Pick<Prepared, 'file' | 'fileProblem'> {
  const confirmed = settings.meta?.[line.id];
  const tokens = line.tokens && text === line.text && storedTokensFit(text, line.tokens) ? line.tokens : undefined;
  const parsed = documentFileSchema.safeParse({
    schema: SCHEMA_VERSION,
    id: line.id,
    textHash: hash,
    meta: confirmed ? tidyMeta(confirmed) : read,
    text,
    ...(tokens ? { tokens } : {}),
  });
  if (!parsed.success) return { fileProblem: `refused to write: ${describeZodError(parsed.error)}` };
  return { file: new TextEncoder().encode(stableStringify(parsed.data)) };
}
