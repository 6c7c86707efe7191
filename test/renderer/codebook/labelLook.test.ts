import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../../src/core/codebook';
import { TEMPLATES } from '../../../src/core/templates';
import {
  chipColors,
  contrast,
  labelLook,
  MIN_CONTRAST,
  SHORT_MAX,
  shortNames,
  strokeColor,
} from '../../../src/renderer/codebook/labelLook';

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`);

describe('chip colours', () => {
  it('matches the published WCAG figures', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  it('gives every colour of the templates and the default palette text of at least 4.5:1', async () => {
    const codebooks = await Promise.all(TEMPLATES.map((t) => t.codebook()));
    const colours = [...codebooks.flatMap((cb) => cb.spanLabels.map((l) => l.color)), ...PALETTE];
    expect(colours.length).toBeGreaterThan(20);
    for (const c of colours) {
      const chip = chipColors(c);
      expect(chip.background).toBe(c.toLowerCase());
      expect(contrast(chip.background, chip.text), c).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it('gives any colour text of at least 4.5:1, the colour itself unchanged', () => {
    fc.assert(
      fc.property(hex, (c) => {
        const chip = chipColors(c);
        expect(chip.background).toBe(c);
        expect(contrast(chip.background, chip.text)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      }),
      { numRuns: 2000 },
    );
  });

  it('darkens a pale colour until its outline shows on white (3:1), and keeps a dark one', () => {
    fc.assert(
      fc.property(hex, (c) => {
        expect(contrast(strokeColor(c), '#ffffff')).toBeGreaterThanOrEqual(3);
      }),
    );
    expect(strokeColor('#000075')).toBe('#000075');
    expect(strokeColor('#F0E442')).not.toBe('#f0e442');
  });

  it('draws a malformed colour grey with readable text', () => {
    const chip = chipColors('red');
    expect(contrast(chip.background, chip.text)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });
});

describe('short names', () => {
  const distinct = (m: Map<string, string>) => new Set([...m.values()].map((s) => s.toLowerCase())).size === m.size;

  it('never gives two labels of a template the same chip, and keeps them short', async () => {
    for (const t of TEMPLATES) {
      const { spanLabels } = await t.codebook();
      const m = shortNames(spanLabels);
      expect(m.size).toBe(spanLabels.length);
      expect(distinct(m), t.id).toBe(true);
      for (const s of m.values()) expect([...s].length).toBeLessThanOrEqual(SHORT_MAX + 3);
    }
  });

  it('tells apart names that share their beginning', () => {
    const m = shortNames([{ name: 'Unrest naming: neutral/legitimizing' }, { name: 'Unrest naming: delegitimizing' }]);
    const [a, b] = [...m.values()];
    expect(a).not.toBe(b);
    expect(a.toLowerCase()).toContain('neutral');
    expect(b.toLowerCase()).toContain('delegit');
  });

  it('keeps a short name whole and uses the analyst’s own short name', () => {
    const m = shortNames([
      { name: 'Economic' },
      { name: 'Legality, constitutionality and jurisprudence', short: 'Law' },
    ]);
    expect(m.get('Economic')).toBe('Economic');
    expect(m.get('Legality, constitutionality and jurisprudence')).toBe('Law');
  });

  it('numbers two analyst-set short names that clash, and a derived one never takes a set one', () => {
    const m = shortNames([{ name: 'Alpha', short: 'X' }, { name: 'Beta', short: 'x' }, { name: 'X' }]);
    expect(distinct(m)).toBe(true);
    expect(m.get('Alpha')).toBe('X');
  });

  it('stays distinct for any list of names', () => {
    const name = fc
      .array(fc.constantFrom('Unrest', 'naming', 'economic', 'grievance', 'foreign', 'attribution', 'a', 'of', ':'), {
        minLength: 1,
        maxLength: 6,
      })
      .map((ws) => ws.join(' '));
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 12 }), (names) => {
        const m = shortNames(names.map((n) => ({ name: n })));
        expect(m.size).toBe(names.length);
        expect(distinct(m)).toBe(true);
      }),
    );
  });

  it('shows a label missing from the codebook grey, by its own name cut short', () => {
    const look = labelLook([{ name: 'Economic', color: '#e6194b' }]);
    expect(look.known('Gone label')).toBe(false);
    expect(look.color('Gone label')).toBe('#8a8a8a');
    expect([...look.short('A very long label name that no codebook holds')].length).toBeLessThanOrEqual(SHORT_MAX);
  });
});
