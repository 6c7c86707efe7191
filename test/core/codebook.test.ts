import { describe, expect, it } from 'vitest';
import { addMissingLabels } from '../../src/core/codebook';
import type { Codebook } from '../../src/core/model';

const base: Codebook = {
  version: 3,
  spanLabels: Array.from({ length: 11 }, (_, i) => ({ name: `L${i + 1}`, color: '#000000' })),
  docLabels: [{ name: 'Stance', kind: 'single', options: ['critical'] }],
};

describe('codebook', () => {
  it('adds missing labels, groups and options, and bumps the version once', () => {
    const r = addMissingLabels(
      base,
      ['L1', 'New', 'New'],
      [
        ['Stance', 'supportive'],
        ['Frames', ['Economic', 'Political']],
      ],
    );
    expect(r.addedSpanLabels).toEqual(['New']);
    expect(r.addedDocLabelGroups).toEqual(['Frames']);
    expect(r.codebook.docLabels.find((g) => g.name === 'Frames')?.kind).toBe('multiple');
    expect(r.codebook.docLabels.find((g) => g.name === 'Stance')?.options).toEqual(['critical', 'supportive']);
    expect(r.codebook.version).toBe(4);
    expect(base.docLabels[0].options).toEqual(['critical']);
  });

  it('changes nothing when nothing is missing', () => {
    const r = addMissingLabels(base, ['L2'], [['Stance', 'critical']]);
    expect(r.codebook.version).toBe(3);
    expect(r.addedSpanLabels).toEqual([]);
  });
});
