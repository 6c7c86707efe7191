import { describe, expect, it } from 'vitest';
import { guessJsonMapping, mapRecord } from '../../../src/core/formats/jsonRecords';

describe('generic JSON records', () => {
  const record = {
    uid: 'a1',
    body: 'Protests continued.',
    headline: 'Unrest',
    source: 'MENAFN',
    pubDate: '16/01/20267',
    link: 'https://x',
  };

  it('guesses the mapping from field names', () => {
    expect(guessJsonMapping(record)).toMatchObject({ id: 'uid', text: 'body', title: 'headline' });
  });

  it('maps a record, keeping a malformed date as written', () => {
    const doc = mapRecord(
      record,
      { id: 'uid', text: 'body', title: 'headline', outlet: 'source', date: 'pubDate', url: 'link' },
      'in.json',
      3,
    );
    expect(doc).toEqual({
      id: 'a1',
      text: 'Protests continued.',
      meta: { title: 'Unrest', outlet: 'MENAFN', url: 'https://x', publishedRaw: '16/01/20267' },
      dateProblem: 'year "20267" is not a four-digit year',
    });
  });

  it('reads nested fields and numeric ids', () => {
    expect(mapRecord({ n: 7, a: { t: 'x' } }, { id: 'n', text: 'a.t' }, 'in.json', 1)).toMatchObject({
      id: '7',
      text: 'x',
    });
  });

  it('names the line and the field that is wrong', () => {
    expect(() => mapRecord({ uid: 'a' }, { id: 'uid', text: 'body' }, 'in.json', 4)).toThrow(
      /^in\.json:4: field "body" \(text\) is not a string/,
    );
    expect(() => mapRecord({ uid: '../a', body: 'x' }, { id: 'uid', text: 'body' }, 'in.json', 5)).toThrow(
      /in\.json:5: id/,
    );
    expect(() => mapRecord([1], { id: 'uid', text: 'body' }, 'in.json', 6)).toThrow(/JSON object/);
  });
});
