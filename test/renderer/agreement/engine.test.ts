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

function collect(start: (on: (m: EngineMessage) => void) => () => void) {
  const got: EngineMessage[] = [];
  const cancel = start((m) => got.push(m));
  return { got, cancel };
}

describe('agreement engine', () => {
  it('answers figures, then intervals, inline', async () => {
    const { got } = collect((on) => inlineEngine().start(7, input, on));
    await vi.waitFor(() => expect(got.map((m) => m.kind)).toEqual(['figures', 'intervals']));
    expect(got.every((m) => m.run === 7)).toBe(true);
    const first = got[0];
    expect(first.kind === 'figures' && first.figures.report.spans.alpha_u.overall).toBe(1);
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
