// Fixtures written for these tests in the shape of the two scraped articles (error page, a title
// cut short, a byline, a malformed date, a body printed twice, a disclaimer, related stories).
import { describe, expect, it } from 'vitest';
import { cleanScrapedText } from '../../src/core/cleanup';

const P1 = 'Officials said on Friday that the protests over prices had spread to several cities across the country.';
const P2 = 'Analysts expect the currency to keep falling while sanctions remain in place, according to the report.';
const P3 = 'The two governments also agreed to expand their cooperation in trade, energy and transport next year.';

const MENAFN_LIKE = [
  ' date 2026-01-19 403',
  'Sorry!!',
  "Error! We're sorry, but the page you were looking for doesn't exist.",
  'Leaders Hold Phone Talks',
  P1,
  P2,
  P3,
  P2,
  P3,
  'Legal Disclaimer:',
  'The provider gives this information as is, without warranty of any kind.',
  'Most popular stories',
  'Market Research',
  '-',
  'Some Unrelated Headline About Software',
  'CommentsNo comment',
].join('\n');

const PRESS_LIKE = [
  'Leader flags foreign role in riots; rallies show the country’s reali',
  'Leader flags foreign role in riots; rallies show the country’s reality',
  'M.U.H',
  '16/01/20267',
  P1,
  P2,
].join('\n');

describe('cleanScrapedText', () => {
  it('removes the error page, duplicate body, disclaimer and related stories, keeping the body', () => {
    const r = cleanScrapedText(MENAFN_LIKE);
    expect(r.text).toBe([P1, P2, P3].join('\n'));
    expect(r.actions.map((a) => a.kind)).toEqual([
      'scraper-line',
      'error-page',
      'error-page',
      'header',
      'duplicate-body',
      'boilerplate',
      'trailing-links',
    ]);
    expect(r.meta.title).toBe('Leaders Hold Phone Talks');
    expect(r.meta.date).toEqual({ iso: '2026-01-19' });
  });

  it('drops a title cut short, reads the byline, and reports a malformed date as written', () => {
    const r = cleanScrapedText(PRESS_LIKE);
    expect(r.text).toBe([P1, P2].join('\n'));
    expect(r.meta.title).toBe('Leader flags foreign role in riots; rallies show the country’s reality');
    expect(r.meta.author).toBe('M.U.H');
    expect(r.meta.date).toEqual({ raw: '16/01/20267', problem: 'year "20267" is not a four-digit year' });
    expect(r.actions[0]).toMatchObject({ kind: 'truncated-title', from: 0, to: 1 });
  });

  it('is never silent: every removed line is in exactly one action', () => {
    const r = cleanScrapedText(MENAFN_LIKE);
    const removed = r.actions.flatMap((a) => a.removed);
    expect(removed.length + r.text.split('\n').length).toBe(MENAFN_LIKE.split('\n').length);
  });

  it('lets each kind be switched off', () => {
    const r = cleanScrapedText(MENAFN_LIKE, { 'duplicate-body': false, 'trailing-links': false });
    expect(r.text).toContain(`${P3}\n${P2}\n${P3}`);
    expect(r.text).toContain('Most popular stories');
  });

  it('leaves a clean article alone', () => {
    const clean = [P1, P2, P3].join('\n');
    const r = cleanScrapedText(clean);
    expect(r.text).toBe(clean);
    expect(r.actions).toEqual([]);
  });
});
