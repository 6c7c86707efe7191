// The per-document work of an import that needs only the record itself: a scraped article's clean-up,
// normalization and detected metadata, then the text's hash, length and near-duplicate fingerprint. It runs
// in the import thread beside the parse (parseWorker.ts), so the thread that answers the API only checks and
// stages what arrives: a MinHash of a 50 KB article costs milliseconds, a thousand of them seconds.
import { CLEANUP_KINDS, type CleanupAction, type CleanupKind, cleanScrapedText } from '../core/cleanup';
import { type Signature, signature } from '../core/dedupe';
import { detectMeta, META_FIELDS, type MetaFinding } from '../core/documentMeta';
import type { ImportOptions } from '../core/formats/options';
import type { InterchangeLine } from '../core/formats/types';
import type { DocumentMeta } from '../core/model';
import { codePointLength } from '../core/offsets';
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
}

export type PreparedLine = InterchangeLine & { prepared: Prepared };

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
    met.add(line.id);
    return {
      ...line,
      prepared: {
        ...(text !== line.text ? { text } : {}),
        meta,
        found,
        ...(cleanup ? { cleanup } : {}),
        ...(normalized ? { normalized } : {}),
        warnings,
        empty,
        hash,
        length: codePointLength(text),
        ...(empty || again ? {} : { signature: signature(text) }),
      },
    };
  };
}
