// The save queue on its own, without React or the store: a fake `save` the test answers by hand.
import { describe, expect, it } from 'vitest';
import type { SaveAnnotationsInput } from '../../../src/core/api';
import { SaveQueue, type SaveStatus } from '../../../src/renderer/state/saveQueue';

type Sent = SaveAnnotationsInput & { baseUpdatedAt?: string | null };

/** A queue whose saves wait until the test settles them; every status it publishes is kept. */
function harness() {
  const sent: Sent[] = [];
  const answers: Array<{ ok(updatedAt: string): void; fail(message: string): void }> = [];
  const statuses: SaveStatus[] = [];
  const conflicts: string[] = [];
  const queue = new SaveQueue({
    save: (input: Sent) =>
      new Promise((resolve, reject) => {
        sent.push(input);
        answers.push({
          ok: (updatedAt) => resolve({ record: { ...input, codebookVersion: 1, updatedAt } }),
          fail: (message) => reject(new Error(message)),
        });
      }),
    onStatus: (s) => statuses.push(s),
    onConflict: (document, annotator) => conflicts.push(`${document}/${annotator}`),
    schedule: (run) => queueMicrotask(run),
  });
  const tick = () => new Promise((r) => setTimeout(r, 0));
  return { queue, sent, answers, statuses, conflicts, tick };
}

const edit = (spans: number, document = 'd1', annotator = 'alice'): SaveAnnotationsInput => ({
  document,
  annotator,
  textHash: 'sha256:x',
  status: 'in_progress',
  spans: Array.from({ length: spans }, (_, i) => ({ start: i, end: i + 1, label: 'A' })),
  docLabels: {},
});

describe('SaveQueue', () => {
  it('writes one save at a time, and only the latest record of a burst', async () => {
    const { queue, sent, answers, statuses, tick } = harness();
    queue.enqueue(edit(1));
    queue.enqueue(edit(2));
    await tick();
    expect(sent.map((s) => s.spans.length)).toEqual([2]);
    queue.enqueue(edit(3));
    queue.enqueue(edit(4));
    queue.enqueue(edit(1, 'd2'));
    await tick();
    expect(sent).toHaveLength(1);
    answers[0].ok('t1');
    await tick();
    expect(sent.map((s) => [s.document, s.spans.length])).toEqual([
      ['d1', 2],
      ['d1', 4],
    ]);
    answers[1].ok('t2');
    await tick();
    answers[2].ok('t3');
    await queue.flush();
    expect(sent.map((s) => s.document)).toEqual(['d1', 'd1', 'd2']);
    expect(statuses.map((s) => s.state)).toEqual(['saving', 'saved']);
  });

  it('keeps a refused edit, says why, finds it on reading, and saves it on retry', async () => {
    const { queue, answers, statuses, tick } = harness();
    queue.enqueue(edit(2));
    await tick();
    answers[0].fail('permission denied');
    await queue.flush();
    expect(queue.status).toEqual({ state: 'failed', error: 'permission denied', unsaved: 1 });
    expect(queue.hasFailures()).toBe(true);
    expect(queue.unsaved('d1', 'alice')?.spans).toHaveLength(2);
    expect(queue.unsaved('d1', 'bob')).toBeUndefined();
    queue.retry();
    await tick();
    answers[1].ok('t1');
    await queue.flush();
    expect(queue.status.state).toBe('saved');
    expect(queue.unsaved('d1', 'alice')).toBeUndefined();
    expect(statuses.map((s) => s.state)).toEqual(['saving', 'failed', 'saving', 'saved']);
  });

  it('reads the newest unsaved edit first: queued, then being written, then refused', async () => {
    const { queue, answers, tick } = harness();
    queue.enqueue(edit(1));
    await tick();
    answers[0].fail('disk full');
    await queue.flush();
    queue.enqueue(edit(2));
    await tick();
    expect(queue.isWriting('d1', 'alice')).toBe(true);
    // Refused: the one-span edit; being written: the two-span edit made after it.
    expect(queue.unsaved('d1', 'alice')?.spans).toHaveLength(2);
    queue.enqueue(edit(3));
    expect(queue.unsaved('d1', 'alice')?.spans).toHaveLength(3);
    answers[1].fail('disk full');
    await tick();
    expect(queue.unsaved('d1', 'alice')?.spans).toHaveLength(3);
  });

  it('sends each save on top of the disk version it was made on, then on top of its own', async () => {
    const { queue, sent, answers, tick } = harness();
    queue.enqueue(edit(1, 'new-doc'));
    await tick();
    expect('baseUpdatedAt' in sent[0]).toBe(false);
    answers[0].ok('t1');
    await queue.flush();
    queue.setBase('d1', 'alice', null);
    queue.enqueue(edit(1));
    await tick();
    expect(sent[1].baseUpdatedAt).toBeNull();
    answers[1].ok('t2');
    await queue.flush();
    expect(queue.base('d1', 'alice')).toBe('t2');
    queue.enqueue(edit(2));
    await tick();
    expect(sent[2].baseUpdatedAt).toBe('t2');
    answers[2].ok('t3');
    await queue.flush();
  });

  it('reports a conflict, keeps the edit, and "keep mine" sends it over the version shown', async () => {
    const { queue, sent, answers, conflicts, tick } = harness();
    queue.setBase('d1', 'alice', 't1');
    queue.enqueue(edit(2));
    await tick();
    answers[0].fail('conflict: annotations/alice/d1.json changed on disk');
    await queue.flush();
    expect(conflicts).toEqual(['d1/alice']);
    expect(queue.unsaved('d1', 'alice')?.spans).toHaveLength(2);
    queue.keepMine('d1', 'alice', 't9');
    await tick();
    expect(sent[1]).toMatchObject({ baseUpdatedAt: 't9' });
    expect(sent[1].spans).toHaveLength(2);
    answers[1].ok('t10');
    await queue.flush();
    expect(queue.status.state).toBe('saved');
  });

  it('gives up an edit when asked, and then has nothing to keep', async () => {
    const { queue, sent, answers, tick } = harness();
    queue.enqueue(edit(2));
    await tick();
    answers[0].fail('conflict: changed on disk');
    await queue.flush();
    queue.discard('d1', 'alice');
    expect(queue.unsaved('d1', 'alice')).toBeUndefined();
    expect(queue.status.state).toBe('saved');
    queue.keepMine('d1', 'alice', 't2');
    await tick();
    expect(sent).toHaveLength(1);
  });
});
