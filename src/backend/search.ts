// Searching every document of the project for a phrase ("label all matches" starts here).
import { type MemoHit, type SearchHit, searchMemos, searchText } from '../core/search';
import type { Project } from './project';

/** Caps what one search returns so a common word cannot flood the transport. */
const MAX_HITS = 2000;

/** Every match across the corpus, in document order, at most MAX_HITS. */
export async function searchCorpus(project: Project, query: string, wholeWords = false): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  if (!query.trim()) return hits;
  for (const id of project.index.keys()) {
    const doc = await project.getDocument(id).catch(() => null);
    if (!doc) continue;
    for (const hit of searchText(id, doc.text, query, { wholeWords })) {
      hits.push(hit);
      if (hits.length >= MAX_HITS) return hits;
    }
  }
  return hits;
}

/** Every memo of the project whose title or text holds the phrase, at most MAX_HITS. */
export async function searchProjectMemos(project: Project, query: string): Promise<MemoHit[]> {
  if (!query.trim()) return [];
  return searchMemos(await project.memos(), query).slice(0, MAX_HITS);
}
