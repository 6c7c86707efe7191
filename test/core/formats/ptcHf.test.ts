import { describe, expect, it } from 'vitest';
import { formatHfDataset, splitDocuments } from '../../../src/core/formats/hf';
import { asFiles, parse, record, sampleInput, write } from './helpers';

describe('ptc', () => {
  it('reads articles and a technique-classification labels file (code points), and the 3-column SI file', () => {
    const articles = [
      { path: 'train-articles/article111.txt', text: 'A 😀 loaded phrase.\r\nMore' },
      { path: 'train-articles/article222.txt', text: 'Other' },
    ];
    const labels = { path: 'train.labels', text: '111\tLoaded_Language\t4\t17\n222\tDoubt\t0\t5\n' };
    const r = parse('ptc', [...articles, labels], { annotator: 'gold' });
    expect(r.lines[0]).toMatchObject({
      id: 'article111',
      annotator: 'gold',
      spans: [{ id: 'L1', start: 4, end: 17, label: 'Loaded_Language' }],
    });
    expect([...r.lines[0].text].slice(4, 17).join('')).toBe('loaded phrase');
    const si = parse('ptc', [...articles, { path: 'si.labels', text: '111\t4\t10\n' }], { annotator: 'gold' });
    expect(si.lines[0].spans).toEqual([{ id: 'L1', start: 4, end: 10, label: 'propaganda' }]);
    expect(si.detected).toEqual({ task: 'si' });
    expect(() => parse('ptc', [...articles, { path: 'l.tsv', text: '111\tX\n' }], { annotator: 'g' })).toThrow(
      /^l\.tsv:1: expected ID<TAB>label<TAB>start<TAB>end/,
    );
    expect(() => parse('ptc', [...articles, labels])).toThrow(/labels need an annotator/);
  });

  it('keeps a BOM the offsets count, duplicate lines and the line order: the files come back byte-identical', () => {
    const article = { path: 'article705.txt', text: '\uFEFFTitle\n\na devastating letter, e\u0301te\u0301.' };
    const labels = {
      path: 'train-task2-TC.labels',
      text: '705\tLoaded_Language\t8\t28\n705\tDoubt\t1\t6\n705\tDoubt\t1\t6\n705\tName_Calling\t30\t35\n',
    };
    const r = parse('ptc', [article, labels], { annotator: 'gold' });
    const text = r.lines[0].text;
    expect(text).toBe(article.text);
    expect(r.lines[0].spans.map((s) => [...text].slice(s.start, s.end).join(''))).toEqual([
      'Title',
      'Title',
      'a devastating letter',
      'e\u0301te\u0301',
    ]);
    const out = write('ptc', {
      documents: [{ id: 'article705', text, meta: {} }],
      records: [record('article705', 'gold', r.lines[0].spans)],
    });
    if (typeof out === 'string') throw new Error('ptc writes a folder');
    expect(out.files['article705.txt']).toBe(article.text);
    expect(out.files['labels.tsv']).toBe(labels.text);
  });

  it('writes article<ID>.txt and labels per annotator, read back with annotatorFromFolder', () => {
    const out = write('ptc', sampleInput());
    if (typeof out === 'string') throw new Error('ptc writes a folder');
    expect(Object.keys(out.files).sort()).toEqual([
      'article111.txt',
      'article222.txt',
      'article333.txt',
      'labels.alice.tsv',
      'labels.bob.tsv',
    ]);
    expect(out.files['labels.bob.tsv']).toBe('111\tEconomic\t13\t17\n');
    const back = parse('ptc', asFiles(out), { annotatorFromFolder: true });
    expect(back.lines.filter((l) => l.spans.length).map((l) => [l.id, l.annotator, l.spans.length])).toEqual([
      ['article111', 'alice', 4],
      ['article111', 'bob', 1],
      ['article222', 'alice', 2],
    ]);
  });
});

describe('hf', () => {
  it('splits by document with a seeded shuffle, deterministically', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `doc${i}`);
    const a = splitDocuments(ids, { train: 0.8, dev: 0.1, test: 0.1, seed: 42 });
    expect([a.train.length, a.dev.length, a.test.length]).toEqual([40, 5, 5]);
    expect(splitDocuments([...ids].reverse(), { train: 0.8, dev: 0.1, test: 0.1, seed: 42 })).toEqual(a);
    expect(splitDocuments(ids, { train: 0.8, dev: 0.1, test: 0.1, seed: 7 })).not.toEqual(a);
    expect(new Set([...a.train, ...a.dev, ...a.test]).size).toBe(50);
  });

  it('writes JSONL splits and a dataset card with labels, counts, annotators and agreement', () => {
    const input = sampleInput();
    input.records.push(record('article333', 'gold', [{ start: 0, end: 6, label: 'Economic' }]));
    const out = formatHfDataset(input, {
      name: 'Putin–Pezeshkian call',
      split: { train: 1, dev: 1, test: 1 },
      seed: 3,
      agreement: 'Krippendorff α (spans): 0.71',
    });
    expect(Object.keys(out.files).sort()).toEqual([
      'README.md',
      'data/dev.jsonl',
      'data/test.jsonl',
      'data/train.jsonl',
    ]);
    const card = out.files['README.md'];
    expect(card).toMatch(/^---\n/);
    expect(card).toContain('  - split: validation\n    path: data/dev.jsonl');
    expect(card).toContain('| Protest naming | 3 |');
    expect(card).toContain('- gold (adjudicated)');
    expect(card).toContain('## Agreement\n\nKrippendorff α (spans): 0.71');
    const all = ['train', 'dev', 'test']
      .flatMap((k) => out.files[`data/${k}.jsonl`].trim().split('\n'))
      .map((l) => JSON.parse(l));
    expect(all).toHaveLength(4);
    const alice = all.find((l) => l.id === 'article111' && l.annotator === 'alice');
    expect(alice.spans[0]).toEqual({
      start: 0,
      end: 10,
      label: 'Protest naming',
      text: 'Protesters',
      note: 'first, "quoted"\tnote',
      origin: null,
    });
    expect(alice.doc_labels).toEqual({ Frames: ['Economic', 'Security and defense'], Stance: ['critical'] });
  });
});
