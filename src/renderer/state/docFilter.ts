// The document list's filters (status, outlet, label, free text) and the order next/previous walk.
import type { DocumentOrderInfo } from '../../core/api';
import { type DocumentSummary, STATUSES, type Status } from '../../core/model';

export const STATUS_TEXT: Record<Status, string> = {
  todo: 'to do',
  in_progress: 'in progress',
  done: 'done',
  skipped: 'skipped',
};

export const STATUS_CHOICES = STATUSES.map((s) => ({ value: s, text: STATUS_TEXT[s] }));

/** Empty strings mean "any". */
export interface DocFilters {
  text: string;
  status: Status | '';
  outlet: string;
  label: string;
}

export const NO_FILTERS: DocFilters = { text: '', status: '', outlet: '', label: '' };

/** The free text matches everything the list shows, and the author, case-insensitively. */
function matchesText(d: DocumentSummary, text: string): boolean {
  const q = text.trim().toLocaleLowerCase();
  if (!q) return true;
  const { title, outlet, published, publishedRaw, author } = d.meta;
  return [d.id, title, outlet, published, publishedRaw, author, STATUS_TEXT[d.status]].some((v) =>
    v?.toLocaleLowerCase().includes(q),
  );
}

function matchesFilters(d: DocumentSummary, f: DocFilters): boolean {
  if (f.status && d.status !== f.status) return false;
  if (f.outlet && (d.meta.outlet ?? '') !== f.outlet) return false;
  if (f.label && !(d.labels ?? []).includes(f.label)) return false;
  return matchesText(d, f.text);
}

/** The documents shown, in list order or the given order of ids; next/previous walk this list. */
export function visibleDocuments(
  docs: DocumentSummary[],
  f: DocFilters,
  order: readonly string[] | null = null,
): DocumentSummary[] {
  const shown = docs.filter((d) => matchesFilters(d, f));
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
