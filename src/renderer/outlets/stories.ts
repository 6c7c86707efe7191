// Stories (events) over documents: grouping by meta.story, applying a story to documents, and lining up
// one story's articles by label.
import type { FrameLensApi, OutletReport } from '../../core/api';
import type { DocumentMeta, DocumentSummary } from '../../core/model';

/** The group of documents that name no story. */
export const NO_STORY = '(no story)';

/** Documents grouped by meta.story, stories sorted, documents without one last. */
export function groupByStory(documents: DocumentSummary[]): [string, DocumentSummary[]][] {
  const groups = new Map<string, DocumentSummary[]>();
  for (const d of documents) {
    const key = d.meta.story?.trim() || NO_STORY;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === NO_STORY ? 1 : b === NO_STORY ? -1 : a < b ? -1 : 1));
}

/** A document's metadata with its story set (or removed when blank); every other field kept. */
export function withStory(meta: DocumentMeta, story: string): DocumentMeta {
  const { story: _old, ...rest } = meta;
  const s = story.trim();
  return s ? { ...rest, story: s } : rest;
}

/** Sets one story on each document, one after the other; returns how many changed. */
export async function applyStory(api: FrameLensApi, documents: DocumentSummary[], story: string): Promise<number> {
  let changed = 0;
  for (const d of documents) {
    if ((d.meta.story ?? '') === story.trim()) continue;
    await api.setDocumentMeta(d.id, withStory(d.meta, story));
    changed++;
  }
  return changed;
}

/** One cell of the alignment: a phrase one article used for a label. */
interface AlignedPhrase {
  phrase: string;
  /** Spans of this phrase in the outlet (exact for the article when the outlet has one article here). */
  count: number;
}

/** Label → document → phrases, from a story's outlet report; labels in the preferred order. */
export function alignArticles(
  labels: OutletReport['labels'],
  documents: string[],
  order: string[],
): { label: string; cells: Record<string, AlignedPhrase[]> }[] {
  const wanted = new Set(documents);
  const names = [
    ...order.filter((l) => l in labels),
    ...Object.keys(labels)
      .filter((l) => !order.includes(l))
      .sort(),
  ];
  return names
    .map((label) => {
      const cells: Record<string, AlignedPhrase[]> = {};
      for (const rows of Object.values(labels[label]))
        for (const r of rows)
          for (const d of r.documents) {
            if (!wanted.has(d)) continue;
            cells[d] ??= [];
            cells[d].push({ phrase: r.phrase, count: r.documents.length === 1 ? r.count : 0 });
          }
      return { label, cells };
    })
    .filter((row) => Object.keys(row.cells).length > 0);
}
