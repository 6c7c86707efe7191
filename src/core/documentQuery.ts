// The document list's filters (status, outlet, label, free text), the order next/previous walk, and the
// window of it one answer carries: the backend answers the list a page at a time, so the app never holds it.
import type { DocFilters, DocumentOrderInfo, DocumentPage, PageRequest, StoryCount } from './api';
import { type DocumentSummary, STATUSES, type Status } from './model';

export type { DocFilters } from './api';

export const STATUS_TEXT: Record<Status, string> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: 'done',
  skipped: 'skipped',
};

export const STATUS_CHOICES = STATUSES.map((s) => ({ value: s, text: STATUS_TEXT[s] }));

export const NO_FILTERS: DocFilters = { text: '', status: '', outlet: '', label: '' };

/** The free text matches everything the list shows, and the author, case-insensitively. */
function matchesText(d: DocumentSummary, q: string): boolean {
  if (!q) return true;
  const { title, outlet, published, publishedRaw, author } = d.meta;
  return [d.id, title, outlet, published, publishedRaw, author, STATUS_TEXT[d.status]].some((v) =>
    v?.toLocaleLowerCase().includes(q),
  );
}

function matcher(f: DocFilters): (d: DocumentSummary) => boolean {
  const q = f.text.trim().toLocaleLowerCase();
  return (d) => {
    if (f.status && d.status !== f.status) return false;
    if (f.outlet && (d.meta.outlet ?? '') !== f.outlet) return false;
    if (f.label && !(d.labels ?? []).includes(f.label)) return false;
    return matchesText(d, q);
  };
}

/** The documents shown, in list order or the given order of ids; next/previous walk this list. */
export function visibleDocuments(
  docs: DocumentSummary[],
  f: DocFilters,
  order: readonly string[] | null = null,
): DocumentSummary[] {
  const shown = docs.filter(matcher(f));
  if (!order) return shown;
  const rank = new Map(order.map((id, i) => [id, i]));
  const last = order.length;
  return shown
    .map((d, i) => ({ d, k: rank.get(d.id) ?? last + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d);
}

/** The ids "next document" follows when the project orders by the model's uncertainty and a model exists. */
export function activeOrder(order: DocumentOrderInfo | null): string[] | null {
  return order?.order === 'uncertainty' && order.available ? order.documents : null;
}

/** The neighbour of the current document in the shown list (wrapping), or the first one. */
export function stepDocument(shown: DocumentSummary[], current: string | null, delta: number): string | null {
  if (shown.length === 0) return null;
  const i = shown.findIndex((d) => d.id === current);
  if (i < 0) return shown[0].id;
  return shown[(i + delta + shown.length) % shown.length].id;
}

/** The next document after the current one that is neither done nor skipped. */
export function nextUnfinished(docs: DocumentSummary[], current: string | null): string | null {
  const i = docs.findIndex((d) => d.id === current);
  for (let k = 1; k <= docs.length; k++) {
    const d = docs[(i + k + docs.length) % docs.length];
    if (d.id !== current && (d.status === 'todo' || d.status === 'in_progress')) return d.id;
  }
  return null;
}

/** Per status, how many documents have it. */
export function statusCounts(docs: readonly DocumentSummary[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const d of docs) counts[d.status]++;
  return counts;
}

/** One page of the whole list `docs` (in list order) as `page` asks for it, with the counts the list shows. */
export function pageOfDocuments(
  docs: DocumentSummary[],
  page: PageRequest,
  order: readonly string[] | null = null,
): DocumentPage {
  const named = page.ids ? new Set(page.ids) : null;
  const { story } = page;
  const picked =
    named || story !== undefined
      ? docs.filter((d) => (!named || named.has(d.id)) && (story === undefined || storyOf(d.meta) === story.trim()))
      : docs;
  const shown = visibleDocuments(picked, page.filters ?? NO_FILTERS, order);
  const outlets = new Set<string>();
  for (const d of docs) if (d.meta.outlet) outlets.add(d.meta.outlet);
  const answer: DocumentPage = {
    total: shown.length,
    offset: page.offset,
    documents: shown.slice(page.offset, page.offset + page.limit),
    all: docs.length,
    counts: statusCounts(docs),
    outlets: [...outlets].sort(),
  };
  if (page.step) {
    const { from, by } = page.step;
    const id = by === 'unfinished' ? nextUnfinished(shown, from) : stepDocument(shown, from, by === 'next' ? 1 : -1);
    answer.step = id === null ? null : { id, index: shown.findIndex((d) => d.id === id) };
  }
  return answer;
}

const storyOf = (meta: { story?: string }) => meta.story?.trim() ?? '';

/** Every story named in `docs` with its number of documents, by name; the documents that name none ('') last. */
export function storyCounts(docs: Iterable<{ meta: { story?: string } }>): StoryCount[] {
  const counts = new Map<string, number>();
  for (const d of docs) {
    const story = storyOf(d.meta);
    counts.set(story, (counts.get(story) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([story, documents]) => ({ story, documents }))
    .sort((a, b) => (a.story === '' ? 1 : b.story === '' ? -1 : a.story < b.story ? -1 : a.story > b.story ? 1 : 0));
}
