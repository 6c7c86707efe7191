import { describe, expect, it } from 'vitest';
import { assignDocuments, assignmentProgress } from '../../src/core/assignment';
import { namedPhrases, slug, suggestStories } from '../../src/core/stories';

const CALL_A =
  'Russian President Vladimir Putin held a phone conversation with Iranian President Masoud Pezeshkian. The Kremlin said Pezeshkian briefed Putin.';
const CALL_B =
  'Iranian President Masoud Pezeshkian flagged a foreign role, as Russian President Vladimir Putin said rallies showed the reality. Pezeshkian thanked Putin and the Kremlin.';
const OTHER = 'Apple Inc unveiled a phone in Cupertino on Tuesday. Tim Cook said Apple Inc would ship it soon.';

describe('stories', () => {
  it('finds named phrases', () => {
    const p = namedPhrases(CALL_A);
    expect(p.has('Vladimir Putin')).toBe(true);
    expect(p.has('Masoud Pezeshkian')).toBe(true);
    expect(p.has('Pezeshkian')).toBe(true);
  });

  it('groups articles about the same call and keeps others apart', () => {
    const stories = suggestStories([
      { id: 'a', text: CALL_A, meta: { published: '2026-01-16' } },
      { id: 'b', text: CALL_B, meta: { published: '2026-01-17' } },
      { id: 'c', text: OTHER, meta: { published: '2026-01-16' } },
    ]);
    expect(stories).toHaveLength(1);
    expect(stories[0].documents).toEqual(['a', 'b']);
    expect(stories[0].sharedPhrases).toContain('Vladimir Putin');
  });

  it('keeps articles far apart in time in separate stories, and reuses a given story key', () => {
    expect(
      suggestStories([
        { id: 'a', text: CALL_A, meta: { published: '2026-01-16' } },
        { id: 'b', text: CALL_B, meta: { published: '2026-03-01' } },
      ]),
    ).toEqual([]);
    const [s] = suggestStories([
      { id: 'a', text: CALL_A, meta: { story: 'putin-pezeshkian-call' } },
      { id: 'b', text: CALL_B, meta: {} },
    ]);
    expect(s.story).toBe('putin-pezeshkian-call');
  });

  it('slugs', () => {
    expect(slug('Vladimir Putin Masoud Pezeshkian')).toBe('vladimir-putin-masoud-pezeshkian');
  });
});

describe('assignment', () => {
  const ids = Array.from({ length: 20 }, (_, i) => `d${String(i).padStart(2, '0')}`);

  it('gives the overlap sample to everyone and shares the rest out once each', () => {
    const plan = assignDocuments(ids, ['cat', 'ann', 'ben'], { overlap: 0.2, seed: 7 });
    expect(plan.overlap).toHaveLength(4);
    for (const a of ['ann', 'ben', 'cat']) for (const id of plan.overlap) expect(plan.annotators[a]).toContain(id);
    const rest = Object.values(plan.annotators)
      .flat()
      .filter((id) => !plan.overlap.includes(id));
    expect(rest.sort()).toEqual(ids.filter((id) => !plan.overlap.includes(id)));
    expect(assignDocuments(ids, ['ann', 'ben', 'cat'], { overlap: 0.2, seed: 7 })).toEqual(plan);
    expect(assignDocuments(ids, ['ann', 'ben', 'cat'], { overlap: 0.2, seed: 8 }).overlap).not.toEqual(plan.overlap);
  });

  it('reports progress per annotator', () => {
    const plan = assignDocuments(['x', 'y'], ['ann'], { overlap: 0, seed: 1 });
    expect(assignmentProgress(plan, (_a, d) => (d === 'x' ? 'done' : undefined))).toEqual({
      ann: { assigned: 2, done: 1, inProgress: 0, skipped: 0 },
    });
    expect(() => assignDocuments(['x'], [], { overlap: 0, seed: 1 })).toThrow(/no annotators/);
  });
});
