import { describe, expect, it } from 'vitest';
import { codebookSchema } from '../../src/core/schemas';
import { fromTemplate, TEMPLATES } from '../../src/core/templates';

describe('codebook templates', () => {
  it('are valid codebooks: the sample framing codebook and the 15 policy frames with descriptions', () => {
    for (const t of TEMPLATES) expect(() => codebookSchema.parse(t.codebook)).not.toThrow();
    const pfc = TEMPLATES.find((t) => t.id === 'policy-frames')!.codebook;
    expect(pfc.spanLabels).toHaveLength(15);
    expect(pfc.spanLabels.every((l) => (l.description ?? '').length > 20)).toBe(true);
    expect(TEMPLATES[0].codebook.spanLabels.map((l) => l.name)).toContain('Foreign attribution');
    expect(fromTemplate(TEMPLATES[1], 7).version).toBe(8);
  });

  it('the framing template has relation types whose allowed labels are its own labels', () => {
    const cb = TEMPLATES.find((t) => t.id === 'framing')!.codebook;
    const labels = new Set(cb.spanLabels.map((l) => l.name));
    expect(cb.relationTypes?.map((t) => t.name)).toEqual(['attributes responsibility to', 'refers to']);
    for (const t of cb.relationTypes ?? [])
      for (const l of [...(t.source ?? []), ...(t.target ?? [])]) expect(labels.has(l), `${t.name}: ${l}`).toBe(true);
  });
});
