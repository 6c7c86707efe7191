// Searching every document of the project for a phrase ("label all matches" starts here).
import { type MemoHit, type SearchHit, searchMemos, searchText } from '../core/search';
import type { Project } from './project';
import { type IndexProgress, SearchIndex } from './searchIndex';

/** Caps what one search returns so a common word cannot flood the transport. */
const MAX_HITS = 2000;

const indexes = new WeakMap<Project, SearchIndex>();

/** The project's search index (one per open project), brought up to its document index. */
export async function searchIndex(project: Project, progress?: IndexProgress): Promise<SearchIndex> {
  let index = indexes.get(project);
  if (!index) {
    index = new SearchIndex(project);
    indexes.set(project, index);
  }
  await index.sync(progress);
  return index;
}

/**
 * Every match across the corpus, in document order, at most MAX_HITS. Only the documents the index says may hold
 * the query are read and searched.
 */
export async function searchCorpus(project: Project, query: string, wholeWords = false): Promise<SearchHit[]> {
  const hits: SearchHit[] = [];
  if (!query.trim()) return hits;
  const candidates = (await searchIndex(project)).candidates(query);
  const ids = candidates ? [...project.index.keys()].filter((id) => candidates.has(id)) : project.index.keys();
  for (const id of ids) {
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
