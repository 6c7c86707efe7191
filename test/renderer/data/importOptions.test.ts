// The pure rules behind the wizard: format guessing from extensions (the registry's), and the options a form becomes.
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

  it('guesses one format from the extensions, folders as txt, with the registry\u2019s extensions', () => {
    expect(guessFormat(['/a/x.TXT', '/a/folder/'])).toEqual({ format: 'txt' });
    expect(guessFormat(['/a/x.htm', '/b/y.html'])).toEqual({ format: 'html' });
    expect(guessFormat(['/a/x.ndjson'])).toEqual({ format: 'jsonl' });
    expect(guessFormat(['C:\\data\\x.csv'])).toEqual({ format: 'csv' });
    expect(guessFormat(['/a/x.ann'])).toEqual({ format: 'brat' });
    expect(guessFormat(['/a/x.conll'])).toEqual({ format: 'conll' });
    expect(guessFormat(['/a/x.tsv'])).toEqual({ format: 'webanno-tsv' });
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
        verify: true,
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
      formatOptions: { labels: '/l.tsv', annotatorFromFolder: true },
      offsets: 'utf16' as const,
    };
    expect(buildImportOptions(form, { clean: allCleanupOn(), mapping: { text: 'body' } }, false)).toEqual({
      options: { paths: ['/a/x.html'], format: 'html', clean: true },
    });
    expect(
      buildImportOptions(
        { ...form, format: 'doccano', keepDuplicates: true, formatOptions: { annotatorFromFile: true } },
        { clean: allCleanupOn(), mapping: null, drop: ['relations'] },
        true,
      ),
    ).toEqual({
      options: {
        paths: ['/a/x.html'],
        format: 'doccano',
        dryRun: true,
        verify: true,
        annotator: 'alice',
        offsets: 'utf16',
        keepDuplicates: true,
        annotatorFromFile: true,
        drop: ['relations'],
      },
    });
    expect(
      buildImportOptions(
        { ...form, format: 'conll', formatOptions: { tagColumns: '3,4' } },
        { clean: allCleanupOn(), mapping: null },
        false,
      ),
    ).toEqual({ options: { paths: ['/a/x.html'], format: 'conll', annotator: 'alice', tagColumns: '3,4' } });
  });
});
