// Files other tools wrote (test/fixtures/interop, sources and licences in its README): each is read as the
// tool meant it, and written back in its own layout comes back identical.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatNamed } from '../../../src/core/formats/registry';
import { exportInputOf, verifyRoundTrip } from '../../../src/core/formats/verify';
import { parse, write } from './helpers';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'interop');
const file = (rel: string) => ({ path: rel, text: readFileSync(join(DIR, rel), 'utf8') });
const verified = (format: string, result: ReturnType<typeof parse>, options: Record<string, unknown> = {}) =>
  verifyRoundTrip(formatNamed(format)!, result.lines, options, result.detected);

describe('doccano exports, in every layout', () => {
  it('intent detection: entities as lists and cats, written back in the same layout', () => {
    const f = file('doccano/intent_detection_export.jsonl');
    const r = parse('doccano', [f], { annotator: 'al' });
    expect(r.lines.map((l) => [l.text, l.spans.map((s) => [s.start, s.end, s.label]), l.docLabels])).toEqual([
      [
        'Find a flight from Memphis to Tacoma',
        [
          [0, 26, 'City'],
          [30, 36, 'City'],
        ],
        { cats: ['flight'] },
      ],
      ['I want to know what airports are in Los Angeles', [[36, 47, 'City']], { cats: ['airport'] }],
    ]);
    expect(r.detected).toEqual({ layout: 'entities-lists' });
    const out = write('doccano', exportInputOf(r.lines), r.detected) as string;
    const back = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const original = f.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(back.map(({ text, entities, cats }) => ({ text, entities, cats }))).toEqual(original);
    expect(verified('doccano', r, { annotator: 'al' })).toEqual([]);
  });

  it('text classification (JSONL and JSON): classes come back under "label", not as metadata', () => {
    for (const name of ['doccano/text_classification_export.jsonl', 'doccano/text_classification_export.json']) {
      const r = parse('doccano', [file(name)], { annotator: 'al' });
      expect(r.lines.map((l) => l.docLabels)).toEqual([
        { label: ['negative'] },
        { label: ['positive'] },
        { label: ['positive'] },
      ]);
      const back = (write('doccano', exportInputOf(r.lines)) as string)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(back.map((l) => [l.text, l.label])).toEqual([
        ['Terrible customer service.', ['negative']],
        ['Really great transaction.', ['positive']],
        ['Great price.', ['positive']],
      ]);
      expect(verified('doccano', r, { annotator: 'al' })).toEqual([]);
    }
  });

  it('its import layout (column_data, column_label) reads too', () => {
    const r = parse('doccano', [file('doccano/text_classification_import.jsonl')], { annotator: 'al' });
    expect(r.lines.map((l) => [l.text, l.docLabels])).toEqual([
      ['Terrible customer service.', { label: ['negative'] }],
      ['Really great transaction.', { label: ['positive'] }],
      ['Great price.', { label: ['positive'] }],
    ]);
  });

  it('names the line of the example without text, as doccano does', () => {
    expect(() => parse('doccano', [file('doccano/intent_with_missing_text.jsonl')], { annotator: 'al' })).toThrow(
      /^doccano\/intent_with_missing_text\.jsonl:5: no text/,
    );
  });
});

describe('Label Studio', () => {
  it('reads its flat task list (no "data" key)', () => {
    const r = parse('label-studio', [file('label-studio/text_with_2_tasks.json')]);
    expect(r.lines.map((l) => [l.id, l.text])).toEqual([
      ['text_with_2_tasks-1', 'Example 1'],
      ['text_with_2_tasks-2', 'Example 2'],
    ]);
    expect(r.dropped).toEqual([]);
  });

  it('reads choices as document labels, the annotator from completed_by\u2019s e-mail', () => {
    const r = parse('label-studio', [file('label-studio/humor_dataset_2_annotations.json')]);
    expect(r.lines.map((l) => [l.annotator, l.docLabels, l.status])).toEqual([
      ['test_suites_user', { sentiment: 'Not Humor' }, 'done'],
      ['test_suites_user', { sentiment: 'Not Humor' }, 'done'],
    ]);
    expect(verified('label-studio', r)).toEqual([]);
  });

  it('counts predictions as something to drop, never silently', () => {
    const r = parse('label-studio', [file('label-studio/text_with_2_predictions.json')]);
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([['predictions', 2]]);
  });
});

describe('CoNLL: GermEval 2014', () => {
  const germeval = () => file('germeval2014/NER-de-dev.head.tsv');

  it('reads the index column, skips the source comment lines (counted), and both tag columns when named', () => {
    const r = parse('conll', [germeval()], { annotator: 'g', tagColumns: '3,4' });
    expect(r.lines).toHaveLength(1);
    const text = r.lines[0].text;
    expect(text.split('\n')).toHaveLength(9);
    expect(text.startsWith('Gleich darauf entwirft er seine Selbstdarstellung " Ecce homo "')).toBe(true);
    expect(text).toContain('– 4:26 # Sometime Ago/La Fiesta');
    const cps = [...text];
    const spans = r.lines[0].spans.map((s) => [cps.slice(s.start, s.end).join(''), s.label]);
    expect(spans).toContainEqual(['ADAC GT', 'ORG']);
    expect(spans).toContainEqual(['ADAC', 'ORG']);
    expect(spans).toContainEqual(['Eurospeedway Lausitz', 'ORG']);
    expect(spans).toContainEqual(['Lausitz', 'LOC']);
    const begins = germeval()
      .text.split('\n')
      .flatMap((l) => l.split('\t').slice(2, 4))
      .filter((tag) => tag.startsWith('B-')).length;
    expect(r.lines[0].spans).toHaveLength(begins);
    expect(begins).toBe(17);
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([['comments', 9]]);
  });

  it('writes its tokens back (the "#" token stays a token) and every span comes back', () => {
    const r = parse('conll', [germeval()], { annotator: 'g' });
    expect(r.dropped.map((d) => [d.kind, d.count])).toEqual([
      ['comments', 9],
      ['columns', 156],
    ]);
    const out = write('conll', exportInputOf(r.lines)) as string;
    const tokens = out
      .split('\n')
      .filter((l) => l && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split('\t')[0]);
    const given = germeval()
      .text.split('\n')
      .filter((l) => /^\d+\t/.test(l))
      .map((l) => l.split('\t')[1]);
    expect(tokens).toEqual(given);
    expect(verified('conll', r, { annotator: 'g' })).toEqual([]);
  });
});

describe('brat: IAMsystem output', () => {
  it('keeps the discontinuous span and the IAMSYSTEM note type, and writes both back', () => {
    const r = parse('brat', [file('iamsystem/docs.txt'), file('iamsystem/docs.ann')], { annotator: 'iam' });
    expect(r.lines[0].spans).toEqual([
      { id: 'T1:1', start: 0, end: 5, label: 'CONTINENT', note: '[IAMSYSTEM] North America (NA)' },
      { id: 'T1:2', start: 16, end: 23, label: 'CONTINENT', note: '[IAMSYSTEM] North America (NA)' },
    ]);
    const out = write('brat', exportInputOf(r.lines));
    if (typeof out === 'string') throw new Error('brat writes a folder');
    expect(out.files['iamsystem/docs.ann'] ?? out.files['docs.ann']).toBe(file('iamsystem/docs.ann').text);
    expect(verified('brat', r, { annotator: 'iam' })).toEqual([]);
  });
});
