import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Project } from '../../src/backend/project';
import { searchCorpus } from '../../src/backend/search';
import { searchText } from '../../src/core/search';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
});
afterEach(() => cleanup());

describe('corpus search', () => {
  it('finds matches case-insensitively with code-point offsets after an emoji, and context', async () => {
    const hits = await searchCorpus(project, 'CONTINUED');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ document: 'doc2', start: 17, end: 26 });
    expect(hits[0].context).toEqual({ before: 'Demonstrations 😀 ', match: 'continued', after: '.' });
    expect(await searchCorpus(project, '   ')).toEqual([]);
  });

  it('folds accents, respects whole words, and handles right-to-left text', () => {
    expect(searchText('d', 'Köln and koln', 'koln').map((h) => h.start)).toEqual([0, 9]);
    expect(searchText('d', 'banks bank', 'bank', { wholeWords: true }).map((h) => h.start)).toEqual([6]);
    const fa = 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت';
    const [hit] = searchText('d', fa, 'سال ۱۴۰۲');
    expect([...fa].slice(hit.start, hit.end).join('')).toBe('سال ۱۴۰۲');
  });
});
