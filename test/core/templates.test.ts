import { describe, expect, it } from 'vitest';
import { codebookSchema } from '../../src/core/schemas';
import { fromTemplate, TEMPLATES } from '../../src/core/templates';

describe('codebook templates', () => {
  it('are valid codebooks: the sample framing codebook and the 15 policy frames with descriptions', async () => {
    for (const t of TEMPLATES) {
      const cb = await t.codebook();
      expect(() => codebookSchema.parse(cb)).not.toThrow();
    }
    const pfc = await TEMPLATES.find((t) => t.id === 'policy-frames')!.codebook();
    expect(pfc.spanLabels).toHaveLength(15);
    expect(pfc.spanLabels.every((l) => (l.description ?? '').length > 20)).toBe(true);
    expect((await TEMPLATES[0]!.codebook()).spanLabels.map((l) => l.name)).toContain('Foreign attribution');
    const adopted = await fromTemplate(TEMPLATES[1]!, 7);
    expect(adopted.version).toBe(8);
    adopted.spanLabels[0]!.name = 'changed';
    expect((await TEMPLATES[1]!.codebook()).spanLabels[0]!.name).not.toBe('changed');
  });

  it('the framing template has relation types whose allowed labels are its own labels', async () => {
    const cb = await TEMPLATES.find((t) => t.id === 'framing')!.codebook();
    const labels = new Set(cb.spanLabels.map((l) => l.name));
    expect(cb.relationTypes?.map((t) => t.name)).toEqual(['attributes responsibility to', 'refers to']);
    for (const t of cb.relationTypes ?? [])
      for (const l of [...(t.source ?? []), ...(t.target ?? [])]) expect(labels.has(l), `${t.name}: ${l}`).toBe(true);
  });
});
