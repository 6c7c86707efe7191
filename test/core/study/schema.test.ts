import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../../src/core/model';
import { stableLine, stableStringify } from '../../../src/core/stableJson';
import { changelogEntry } from '../../../src/core/study/changelog';
import { roundFigures } from '../../../src/core/study/figures';
import { createRound } from '../../../src/core/study/round';
import { changelogEntrySchema, studyFileSchema } from '../../../src/core/study/schema';
import { CODEBOOK, closedRound } from './fixture';

describe('study files', () => {
  it('study.json: rounds as created and closed, with the summary, survive a write and a read', () => {
    const { round, base } = closedRound(30, 12);
    const summary = roundFigures(round, base, { draws: 50 }).summary;
    const open = createRound([round], { ...round, name: 'Main 2', at: '2025-04-01T00:00:00Z' });
    const file = {
      schema: 1 as const,
      rounds: [
        { ...round, key: '01-main-1', summary },
        { ...open, key: '02-main-2' },
      ],
    };
    const back = studyFileSchema.parse(JSON.parse(stableStringify(file)));
    expect(back).toEqual(JSON.parse(stableStringify(file)));
  });

  it('study.json: refuses a repeated name or key, a closed round without closedAt, a coder or key that is not an id', () => {
    const { round: plain } = closedRound(30, 12);
    const round = { ...plain, key: '01-main-1' };
    expect(() => studyFileSchema.parse({ schema: 1, rounds: [round, { ...round, key: '02-main-1' }] })).toThrow(
      /round \\"Main 1\\" appears twice/,
    );
    expect(() => studyFileSchema.parse({ schema: 1, rounds: [round, { ...round, name: 'Main 2' }] })).toThrow(
      /round key \\"01-main-1\\" appears twice/,
    );
    const { closedAt: _, ...noClose } = round;
    expect(() => studyFileSchema.parse({ schema: 1, rounds: [noClose] })).toThrow(/closedAt/);
    expect(() => studyFileSchema.parse({ schema: 1, rounds: [{ ...round, coders: ['../x'] }] })).toThrow();
    expect(() => studyFileSchema.parse({ schema: 1, rounds: [{ ...round, key: '../x' }] })).toThrow();
    expect(() => studyFileSchema.parse({ schema: 2, rounds: [] })).toThrow();
  });

  it('codebook-changelog.jsonl: an entry round-trips as one line', () => {
    const after: Codebook = { ...CODEBOOK, version: 3, spanLabels: CODEBOOK.spanLabels.slice(1) };
    const e = changelogEntry(CODEBOOK, after, { at: '2025-04-02T10:00:00Z', by: 'lead', why: 'merged into Victim' });
    expect(changelogEntrySchema.parse(JSON.parse(stableLine(e)))).toEqual(e);
    expect(() => changelogEntrySchema.parse({ ...e, why: '' })).toThrow();
  });
});
