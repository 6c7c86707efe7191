// The pure rules behind the wizard: format guessing from extensions, and the options a form becomes.
import { describe, expect, it } from 'vitest';
import {
  allCleanupOn,
  buildImportOptions,
  EMPTY_FORM,
  guessFormat,
  parsePaths,
} from '../../../src/renderer/data/importOptions';

describe('import options', () => {
  it('reads one path per line', () => {
    expect(parsePaths(' /a/b.txt \r\n\n/c/\n')).toEqual(['/a/b.txt', '/c/']);
  });

  it('guesses one format from the extensions, folders as txt', () => {
    expect(guessFormat(['/a/x.TXT', '/a/folder/'])).toEqual({ format: 'txt' });
    expect(guessFormat(['/a/x.htm', '/b/y.html'])).toEqual({ format: 'html' });
    expect(guessFormat(['/a/x.ndjson'])).toEqual({ format: 'jsonl' });
    expect(guessFormat(['C:\\data\\x.csv'])).toEqual({ format: 'csv' });
    expect(guessFormat(['/a/x.txt', '/a/y.html'])).toEqual({
      problem: 'the paths look like different formats (txt, html): choose one',
    });
    expect(guessFormat([])).toHaveProperty('problem');
  });

  it('sends the field mapping for JSON/JSONL of documents too, and reads .json as jsonl', () => {
    const form = { ...EMPTY_FORM, pathsText: '/a/scraped.json' };
    expect(
      buildImportOptions(form, { clean: allCleanupOn(), mapping: { id: 'uid', text: 'body', title: '' } }, true),
    ).toEqual({
      options: {
        paths: ['/a/scraped.json'],
        format: 'jsonl',
        dryRun: true,
        offsets: 'codepoint',
        mapping: { id: 'uid', text: 'body' },
      },
    });
  });

  it('sends only the options the format understands', () => {
    const form = {
      ...EMPTY_FORM,
      pathsText: '/a/x.html',
      annotator: 'alice',
      labels: '/l.tsv',
      annotatorFromFolder: true,
      offsets: 'utf16' as const,
    };
    expect(buildImportOptions(form, { clean: allCleanupOn(), mapping: { text: 'body' } }, false)).toEqual({
      options: { paths: ['/a/x.html'], format: 'html', clean: true },
    });
    expect(
      buildImportOptions(
        { ...form, format: 'doccano', keepDuplicates: true },
        { clean: allCleanupOn(), mapping: null },
        true,
      ),
    ).toEqual({
      options: {
        paths: ['/a/x.html'],
        format: 'doccano',
        dryRun: true,
        annotator: 'alice',
        offsets: 'utf16',
        keepDuplicates: true,
      },
    });
  });
});
