import { describe, expect, it } from 'vitest';
import { API_METHODS, type ApiMethod } from '../../src/core/api';
import { apiArgs } from '../../src/core/apiArgs';

const HASH = `sha256:${'a'.repeat(64)}`;
const ok = (method: ApiMethod, args: unknown[]) => apiArgs[method].safeParse(args).success;

describe('apiArgs', () => {
  it('has an argument schema for every method of the table', () => {
    expect(Object.keys(apiArgs).sort()).toEqual([...API_METHODS].sort());
  });

  it('accepts what the app sends, optional arguments left out or undefined', () => {
    expect(ok('getProject', [])).toBe(true);
    expect(ok('createProject', ['/data/p'])).toBe(true);
    expect(ok('createProject', ['/data/p', 'Framing'])).toBe(true);
    expect(ok('listDocuments', [])).toBe(true);
    expect(ok('listDocuments', [undefined])).toBe(true);
    expect(ok('agreement', [{ annotators: ['alice'] }])).toBe(true);
    expect(ok('suggestions', ['alice', ['doc-1']])).toBe(true);
    expect(ok('renameLabel', ['Old', 'New', 3])).toBe(true);
    expect(
      ok('saveAnnotations', [
        {
          document: 'doc-1',
          annotator: 'alice',
          textHash: HASH,
          status: 'done',
          spans: [
            { id: 's1', start: 0, end: 4, label: 'X' },
            { start: 5, end: 9, label: 'Y', note: 'n' },
          ],
          docLabels: { stance: 'pro', frames: ['a', 'b'] },
          baseUpdatedAt: null,
        },
      ]),
    ).toBe(true);
    expect(
      ok('adjudicate', [
        'doc-1',
        [
          {
            action: 'reject',
            span: { id: 's2', start: 0, end: 4, label: 'X' },
            sources: ['alice'],
            by: 'lead',
            reason: 'other',
          },
        ],
      ]),
    ).toBe(true);
  });

  it('refuses wrong, missing and extra arguments', () => {
    expect(ok('getDocument', [])).toBe(false);
    expect(ok('getDocument', [42])).toBe(false);
    expect(ok('getDocument', ['../etc/passwd'])).toBe(false);
    expect(ok('stats', ['extra'])).toBe(false);
    expect(ok('listDocuments', [null])).toBe(false);
    expect(ok('saveCodebook', [{ version: 1, spanLabels: [], docLabels: [] }, -1])).toBe(false);
    expect(ok('changes', [1.5])).toBe(false);
    expect(ok('importJob', ['not-a-job'])).toBe(false);
  });

  it('refuses unknown keys and span ids that could act as paths', () => {
    const input = (span: object, extra: object = {}) => [
      { document: 'd', annotator: 'a', textHash: HASH, status: 'todo', spans: [span], docLabels: {}, ...extra },
    ];
    expect(ok('saveAnnotations', input({ start: 0, end: 1, label: 'X' }, { color: 'red' }))).toBe(false);
    expect(ok('saveAnnotations', input({ id: '../x', start: 0, end: 1, label: 'X' }))).toBe(false);
    expect(ok('saveAnnotations', input({ id: 'T12', start: 0, end: 1, label: 'X' }))).toBe(true);
    expect(ok('outlets', [{ label: 'X', colour: 'red' }])).toBe(false);
  });

  it('relation-type edits take the same optional codebook edit as label edits, checked the same way', () => {
    const edit = { why: 'blame is too broad', by: 'lead', rounds: 'restart' };
    expect(ok('renameRelationType', ['blames', 'accuses', 3])).toBe(true);
    expect(ok('renameRelationType', ['blames', 'accuses', 3, edit])).toBe(true);
    expect(ok('deleteRelationType', ['blames', 3, edit])).toBe(true);
    expect(ok('mergeRelationTypes', ['blames', 'refers to', 3, edit])).toBe(true);
    expect(ok('renameRelationType', ['blames', 'accuses', 3, { ...edit, why: '  ' }])).toBe(false);
    expect(ok('deleteRelationType', ['blames', 3, { ...edit, rounds: 'later' }])).toBe(false);
    expect(ok('mergeRelationTypes', ['blames', 'refers to', 3, { ...edit, by: '../x' }])).toBe(false);
    expect(
      ok('saveCodebook', [
        { version: 1, spanLabels: [], docLabels: [] },
        1,
        { ...edit, renames: { relationTypes: { a: 'b' } } },
      ]),
    ).toBe(true);
    expect(
      ok('saveCodebook', [
        { version: 1, spanLabels: [], docLabels: [] },
        1,
        { ...edit, renames: { relationTypes: { a: 3 } } },
      ]),
    ).toBe(false);
  });
});
