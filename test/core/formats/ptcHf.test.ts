import { describe, expect, it } from 'vitest';
import { formatHfDataset, splitDocuments } from '../../../src/core/formats/hf';
import { formatPtc, parsePtc } from '../../../src/core/formats/ptc';
import { record, sampleInput } from './helpers';

describe('ptc', () => {
  it('reads articles and a technique-classification labels file (code points), and the 3-column SI file', () => {
    const articles = [
      { path: 'train-articles/article111.txt', text: 'A 😀 loaded phrase.\r\nMore' },
      { path: 'train-articles/article222.txt', text: 'Other' },
    ];
    const labels = { path: 'train.labels', text: '111\tLoaded_Language\t4\t17\n222\tDoubt\t0\t5\n' };
    const r = parsePtc(articles, labels, { annotator: 'gold' });
    expect(r.lines[0]).toMatchObject({
      id: 'article111',
      annotator: 'gold',
      spans: [{ start: 4, end: 17, label: 'Loaded_Language' }],
    });
    expect([...r.lines[0].text].slice(4, 17).join('')).toBe('loaded phrase');
    const si = parsePtc(articles, { path: 'si.labels', text: '111\t4\t10\n' });
    expect(si.lines[0].spans).toEqual([{ start: 4, end: 10, label: 'propaganda' }]);
    expect(() => parsePtc(articles, { path: 'l.tsv', text: '111\tX\n' })).toThrow(
      /^l\.tsv:1: expected ID<TAB>label<TAB>start<TAB>end/,
    );
  });

  it('writes article<ID>.txt and labels per annotator', () => {
    const out = formatPtc(sampleInput());
    expect(Object.keys(out.files).sort()).toEqual([
      'article111.txt',
      'article222.txt',
      'article333.txt',
      'labels.alice.tsv',
      'labels.bob.tsv',
    ]);
    expect(out.files['labels.bob.tsv']).toBe('111\tEconomic\t13\t17\n');
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
      split: { train: 1, dev: 1, test: 1, seed: 3 },
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
    });
    expect(alice.doc_labels).toEqual({ Frames: ['Economic', 'Security and defense'], Stance: ['critical'] });
  });
});
