// The engine: a worker that cannot start or fails to load falls back to computing inline; a cancelled run
// reports nothing; the two answers come in order (figures, then intervals).
import { describe, expect, it, vi } from 'vitest';
import type { AgreementInput } from '../../../src/core/agreement';
import type { EngineMessage } from '../../../src/renderer/agreement/compute';
import { inlineEngine, workerEngine } from '../../../src/renderer/agreement/engine';

const input: AgreementInput = {
  documents: [{ id: 'd', length: 10 }],
  records: ['a', 'b'].map((annotator) => ({
    document: 'd',
    annotator,
    textHash: 'sha256:0',
    codebookVersion: 1,
    status: 'done' as const,
    spans: [{ start: 0, end: 4, label: 'X' }],
    docLabels: {},
    updatedAt: '',
  })),
};

/** The answers of a run; progress messages apart. */
function collect(start: (on: (m: EngineMessage) => void) => () => void) {
  const got: EngineMessage[] = [];
  const progress: [number, number][] = [];
  const cancel = start((m) => (m.kind === 'progress' ? progress.push([m.done, m.total]) : got.push(m)));
  return { got, progress, cancel };
}

describe('agreement engine', () => {
  it('answers figures, then intervals, inline', async () => {
    const { got } = collect((on) => inlineEngine().start(7, input, on));
    await vi.waitFor(() => expect(got.map((m) => m.kind)).toEqual(['figures', 'intervals']));
    expect(got.every((m) => m.run === 7)).toBe(true);
    const first = got[0];
    expect(first.kind === 'figures' && first.figures.report.spans.alpha_u.overall).toBe(1);
  });

  it('reports the bootstrap’s progress before the intervals, up to every draw', async () => {
    const order: string[] = [];
    const { got, progress } = collect((on) =>
      inlineEngine().start(4, input, (m) => {
        order.push(m.kind);
        on(m);
      }),
    );
    await vi.waitFor(() => expect(got.map((m) => m.kind)).toEqual(['figures', 'intervals']));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.every(([done, total], i) => done <= total && (i === 0 || done > progress[i - 1][0]))).toBe(true);
    expect(order.lastIndexOf('progress')).toBeLessThan(order.indexOf('intervals'));
  });

  it('a worker stays up through progress and is ended by the intervals', () => {
    const fake = { postMessage: vi.fn(), terminate: vi.fn() } as unknown as Worker;
    const { got } = collect((on) => workerEngine(() => fake).start(5, input, on));
    const send = (data: EngineMessage) => fake.onmessage?.({ data } as MessageEvent<EngineMessage>);
    send({ run: 5, kind: 'progress', done: 50, total: 2000 });
    expect(fake.terminate).not.toHaveBeenCalled();
    send({ run: 5, kind: 'intervals', intervals: {} as never, model: null });
    expect(fake.terminate).toHaveBeenCalled();
    expect(got.map((m) => m.kind)).toEqual(['intervals']);
  });

  it('reports nothing for a cancelled run', async () => {
    const { got, cancel } = collect((on) => inlineEngine().start(1, input, on));
    cancel();
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([]);
  });

  it('computes inline when the worker cannot be created, or fails before answering', async () => {
    const thrown = collect((on) =>
      workerEngine(() => {
        throw new Error('no workers here');
      }).start(2, input, on),
    );
    await vi.waitFor(() => expect(thrown.got.map((m) => m.kind)).toEqual(['figures', 'intervals']));

    const fake = { postMessage: vi.fn(), terminate: vi.fn() } as unknown as Worker;
    const failing = collect((on) => workerEngine(() => fake).start(3, input, on));
    fake.onerror?.({ message: 'cannot load', preventDefault() {} } as ErrorEvent);
    await vi.waitFor(() => expect(failing.got.map((m) => m.kind)).toEqual(['figures', 'intervals']));
    expect(fake.terminate).toHaveBeenCalled();
  });
});
