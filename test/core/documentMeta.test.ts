// Outlet detection on real datelines, real pages' metadata and the seed articles; the checks of a metadata edit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  canonicalOutlet,
  detectMeta,
  findDateline,
  metaProblem,
  outletFromUrl,
  outletInByline,
  sameMeta,
  tidyMeta,
} from '../../src/core/documentMeta';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const datelines: { line: string; outlet: string | null; provider: string | null; source: string }[] = JSON.parse(
  readFileSync(join(FIXTURES, 'datelines', 'datelines.json'), 'utf8'),
);
const seed = (name: string) => readFileSync(join(FIXTURES, 'seed', name), 'utf8');

describe('findDateline on real wire stories', () => {
  it.each(datelines.map((d) => [d.source, d] as const))('%s', (_source, d) => {
    const found = findDateline(d.line);
    expect(found?.outlet ?? null).toBe(d.outlet);
    expect(found?.provider ?? null).toBe(d.provider);
    if (found) expect(d.line).toContain(found.text);
  });

  it('finds the dateline below a scrape’s status line, error page and title, and nowhere later', () => {
    expect(findDateline(seed('001_3fc97e4f2f91e271.txt'))).toEqual({ outlet: 'MENAFN', text: '(MENAFN)' });
    expect(findDateline(seed('000_e19e2984cdeb2e20.txt'))).toBeNull();
    const late = [...Array.from({ length: 12 }, (_, i) => `Line ${i} of the article body.`), datelines[0].line];
    expect(findDateline(late.join('\n'))).toBeNull();
  });

  it('reads a MENAFN dateline alone on its line, as MENAFN often prints it', () => {
    const text = '(MENAFN- Daily News Egypt)\nEgypt is committed to enforcing economic cooperation with Lebanon';
    expect(findDateline(text)).toEqual({
      outlet: 'MENAFN',
      text: '(MENAFN- Daily News Egypt)',
      provider: 'Daily News Egypt',
    });
  });

  it('takes an unknown agency only after a place in capitals and before a dash', () => {
    expect(findDateline('KABUL (Pajhwok) - Officials said on Sunday…')?.outlet).toBe('Pajhwok');
    expect(findDateline('The President (Biden) – said on Sunday…')).toBeNull();
    expect(findDateline('KABUL (Pajhwok) Officials said on Sunday…')).toBeNull();
  });
});

describe('outlets from names, URLs and bylines', () => {
  it('tidies a recognised outlet’s other names and keeps an unknown one as written', () => {
    expect(canonicalOutlet('AP News')).toBe('AP');
    expect(canonicalOutlet(' Tasnim News Agency ')).toBe('Tasnim');
    expect(canonicalOutlet('HeraldSun')).toBe('HeraldSun');
  });

  it('reads a domain from a URL, recognised or not', () => {
    expect(outletFromUrl('https://www.menafn.com/1110000000/Putin-Holds-Phone-Talks')).toEqual({
      outlet: 'MENAFN',
      domain: 'menafn.com',
    });
    expect(outletFromUrl('https://en.irna.ir/news/85000000/')?.outlet).toBe('IRNA');
    expect(outletFromUrl('http://news.example.org/a')).toEqual({
      outlet: 'news.example.org',
      domain: 'news.example.org',
    });
    expect(outletFromUrl('not a url')).toBeNull();
    expect(outletFromUrl('javascript:alert(1)')).toBeNull();
  });

  it('finds an agency a byline names, and none in initials', () => {
    expect(outletInByline('By Jon Gambrell, Associated Press')).toBe('AP');
    expect(outletInByline('By Parisa Hafezi | Reuters')).toBe('Reuters');
    expect(outletInByline('BBC News')).toBe('BBC News');
    expect(outletInByline('M.U.H')).toBeNull();
    expect(outletInByline('Jane Apple')).toBeNull();
  });
});

describe('detectMeta', () => {
  it('proposes MENAFN from the seed article’s dateline and no outlet for the other', () => {
    const menafn = detectMeta({ text: seed('001_3fc97e4f2f91e271.txt'), meta: {} });
    expect(menafn.meta.outlet).toBe('MENAFN');
    expect(menafn.found).toEqual([{ field: 'outlet', value: 'MENAFN', from: 'the dateline “(MENAFN)”' }]);
    const other = detectMeta({ text: seed('000_e19e2984cdeb2e20.txt'), meta: { author: 'M.U.H' } });
    expect(other.meta.outlet).toBeUndefined();
    expect(other.found.filter((f) => f.field === 'outlet')).toEqual([]);
  });

  it('keeps an outlet the source gave as written, with the detected ones as alternatives', () => {
    const d = detectMeta({ text: datelines[0].line, meta: { outlet: 'Associated Press (wire)' } });
    expect(d.meta.outlet).toBe('Associated Press (wire)');
    expect(d.found.map((f) => [f.value, f.from])).toEqual([
      ['Associated Press (wire)', 'the source'],
      ['AP', 'the dateline “TORONTO (AP) —”'],
    ]);
  });

  it('prefers the page’s site, then its URL, to a wire dateline, and names the provider MENAFN distributes', () => {
    const d = detectMeta({
      text: '(MENAFN- Gulf Times) Qatar said on Sunday…',
      meta: { url: 'https://www.thepeninsulaqatar.com/article/1' },
    });
    expect(d.found.filter((f) => f.field === 'outlet').map((f) => f.value)).toEqual([
      'thepeninsulaqatar.com',
      'MENAFN',
      'Gulf Times',
    ]);
    expect(d.meta.outlet).toBe('thepeninsulaqatar.com');
  });

  it('takes the project’s spelling of an outlet it already has', () => {
    const d = detectMeta({ text: datelines[3].line, meta: {}, outlets: ['Thomson Reuters'] });
    expect(d.meta.outlet).toBe('Thomson Reuters');
  });

  it('never changes the text it is given', () => {
    const text = seed('001_3fc97e4f2f91e271.txt');
    const copy = `${text}`;
    detectMeta({ text, meta: {} });
    expect(text).toBe(copy);
  });
});

describe('metadata edits', () => {
  it('trims values and leaves empty ones out', () => {
    expect(tidyMeta({ outlet: '  Press TV ', title: '', story: '   ', published: '2026-01-16' })).toEqual({
      outlet: 'Press TV',
      published: '2026-01-16',
    });
  });

  it('refuses a date that is not a real YYYY-MM-DD and the name of the unknown column', () => {
    expect(metaProblem({ published: '2026-01-16' })).toBeNull();
    expect(metaProblem({ published: '16/01/2026' })).toMatch(/YYYY-MM-DD/);
    expect(metaProblem({ published: '2026-02-30' })).toMatch(/no such day/);
    expect(metaProblem({ outlet: '(unknown)' })).toMatch(/leave the outlet empty/);
    expect(metaProblem({ outlet: 'Press TV', publishedRaw: '16/01/20267' })).toBeNull();
  });

  it('compares metadata whatever the order of keys', () => {
    expect(sameMeta({ outlet: 'A', title: 'T' }, { title: 'T', outlet: 'A' })).toBe(true);
    expect(sameMeta({ outlet: 'A' }, { outlet: 'B' })).toBe(false);
    expect(sameMeta({ outlet: 'A', story: undefined }, { outlet: 'A' })).toBe(true);
  });
});
