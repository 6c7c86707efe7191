import { describe, expect, it } from 'vitest';
import { assertId, idKey, idProblem } from '../../src/core/ids';

describe('idProblem', () => {
  it('accepts ordinary document ids and annotator names', () => {
    for (const id of ['article111111111', '000_e19e2984cdeb2e20', 'alice', 'doc-1.v2', 'مقاله۱'])
      expect(idProblem(id)).toBeNull();
  });

  it('refuses anything that could act as a path', () => {
    for (const id of [
      '../x',
      '..',
      '.',
      'a/b',
      'a\\b',
      '/etc/passwd',
      'C:x',
      '',
      ' a',
      'a b',
      '.hidden',
      'x'.repeat(129),
    ])
      expect(idProblem(id), id).not.toBeNull();
  });

  it('refuses names Windows reserves and a trailing dot', () => {
    for (const id of ['CON', 'nul', 'com1', 'LPT9.txt', 'aux.json', 'abc.']) expect(idProblem(id), id).not.toBeNull();
  });

  it('refuses ids that are not NFC', () => {
    expect(idProblem('cafe\u0301')).toMatch(/NFC/);
  });

  it('assertId throws one line naming the id', () => {
    expect(() => assertId('../x', 'document id')).toThrow(/^document id "\.\.\/x" /);
  });

  it('idKey folds case so ids that would collide on case-insensitive disks are caught', () => {
    expect(idKey('Doc1')).toBe(idKey('doc1'));
  });
});
