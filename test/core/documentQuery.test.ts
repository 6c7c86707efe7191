import { describe, expect, it } from 'vitest';
import {
  activeOrder,
  NO_FILTERS,
  nextUnfinished,
  pageOfDocuments,
  stepDocument,
  storyCounts,
  visibleDocuments,
} from '../../src/core/documentQuery';
import type { DocumentSummary, Status } from '../../src/core/model';

const d = (id: string, status: Status, meta: DocumentSummary['meta'] = {}, labels?: string[]): DocumentSummary => ({
  id,
  meta,
  length: 1,
  textHash: '',
  status,
  spans: 0,
  ...(labels ? { labels } : {}),
});

describe('document navigation', () => {
  it('steps through shown documents and finds the next unfinished', () => {
    const docs = [d('a', 'done'), d('b', 'skipped'), d('c', 'in_progress'), d('e', 'done')];
    expect(stepDocument(docs, 'a', 1)).toBe('b');
    expect(stepDocument(docs, 'a', -1)).toBe('e');
    expect(nextUnfinished(docs, 'e')).toBe('c');
    expect(nextUnfinished(docs, 'c')).toBeNull();
  });
});

describe('filters', () => {
  const docs = [
    d('a', 'todo', { title: 'Protests in Tehran', outlet: 'IRNA' }, ['Economic']),
    d('b', 'done', { outlet: 'Reuters', author: 'Sara Ahmadi' }),
    d('c', 'in_progress', { title: 'Prices', publishedRaw: 'Esfand 1402' }, ['Security']),
  ];
  const ids = (f: Partial<typeof NO_FILTERS>) => visibleDocuments(docs, { ...NO_FILTERS, ...f }).map((x) => x.id);

  it('matches the free text against what the list shows and the author, and the status as written', () => {
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ text: 'tehran' })).toEqual(['a']);
    expect(ids({ text: 'ahmadi' })).toEqual(['b']);
    expect(ids({ text: 'esfand' })).toEqual(['c']);
    expect(ids({ text: 'in progress' })).toEqual(['c']);
  });

  it('combines status, outlet and label', () => {
    expect(ids({ status: 'done' })).toEqual(['b']);
    expect(ids({ outlet: 'IRNA' })).toEqual(['a']);
    expect(ids({ label: 'Security' })).toEqual(['c']);
    expect(ids({ label: 'Security', status: 'todo' })).toEqual([]);
  });
});

describe('order', () => {
  const docs = [d('a', 'todo'), d('b', 'done'), d('c', 'todo'), d('new', 'todo')];
  it('walks the model’s uncertainty order when one is active, documents it does not know last, filters kept', () => {
    const order = activeOrder({ order: 'uncertainty', available: true, documents: ['c', 'a', 'b'] });
    expect(visibleDocuments(docs, NO_FILTERS, order).map((x) => x.id)).toEqual(['c', 'a', 'b', 'new']);
    expect(visibleDocuments(docs, { ...NO_FILTERS, status: 'todo' }, order).map((x) => x.id)).toEqual([
      'c',
      'a',
      'new',
    ]);
    expect(nextUnfinished(visibleDocuments(docs, NO_FILTERS, order), 'c')).toBe('a');
  });

  it('keeps the list order for the list setting, or when no model is trained yet', () => {
    expect(activeOrder({ order: 'list', available: true, documents: ['c', 'a'] })).toBeNull();
    expect(activeOrder({ order: 'uncertainty', available: false, documents: ['a', 'b'] })).toBeNull();
    expect(activeOrder(null)).toBeNull();
    expect(visibleDocuments(docs, NO_FILTERS, null).map((x) => x.id)).toEqual(['a', 'b', 'c', 'new']);
  });
});

describe('stories', () => {
  const docs = [
    d('a', 'todo', { story: 'strike' }),
    d('b', 'done', {}),
    d('c', 'done', { story: ' strike ' }),
    d('e', 'todo', { story: 'election' }),
    d('f', 'todo', { story: '  ' }),
  ];

  it('counts each story’s documents by name, the documents naming none last', () => {
    expect(storyCounts(docs)).toEqual([
      { story: 'election', documents: 1 },
      { story: 'strike', documents: 2 },
      { story: '', documents: 2 },
    ]);
  });

  it('pages one story’s documents, and those naming none; the pages together are the story', () => {
    const strike = [0, 1].flatMap((offset) => pageOfDocuments(docs, { offset, limit: 1, story: 'strike' }).documents);
    expect(strike.map((x) => x.id)).toEqual(['a', 'c']);
    expect(pageOfDocuments(docs, { offset: 0, limit: 10, story: '' }).documents.map((x) => x.id)).toEqual(['b', 'f']);
    expect(pageOfDocuments(docs, { offset: 0, limit: 10, story: 'none such' }).total).toBe(0);
    expect(pageOfDocuments(docs, { offset: 0, limit: 10, story: 'strike', ids: ['c', 'e'] }).documents).toEqual([
      docs[2],
    ]);
  });
});
