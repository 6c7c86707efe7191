import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codedProject } from '../backend/codedProject';
import { tempDir } from '../backend/helpers';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'framelens.js');
let dir: string;
let cleanup: () => Promise<void>;
let p: string;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FRAMELENS_CONFIG_DIR: join(dir, 'cfg') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  p = join(dir, 'p');
  await codedProject(p);
}, 60_000);
afterAll(() => cleanup());

describe('framelens model', () => {
  it('refuses to predict or evaluate before training, in one line', () => {
    for (const cmd of ['predict', 'evaluate']) {
      const r = run('model', cmd, p);
      expect(r.code).toBe(1);
      expect(r.err).toBe('framelens: no model: train it first (framelens model train DIR)\n');
    }
    const bad = run('model', 'train', p, '--folds', '1');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/--folds 1: give a whole number from 2 to 20/);
  });

  it('trains in a worker with progress on stderr and says what it learned from', async () => {
    const r = run('model', 'train', p, '--folds', '3', '--seed', '7');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^\d+% reading documents$/m);
    expect(r.err).toMatch(/% learning span labels$/m);
    expect(r.out).toMatch(/with 3 folds, seed 7/);
    expect(r.out).toMatch(/learned from 20 coded documents \(4 from gold, 16 from the coders' agreement\)/);
    expect((await readdir(join(p, 'models'))).sort()).toEqual(['.gitignore', 'layer.json', 'model.json']);
  }, 120_000);

  it('agreement --json keeps the fixed keys and adds `model`; --annotators may name the model', () => {
    const report = JSON.parse(run('agreement', p, '--json').out);
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(Object.keys(report)).toEqual([
      'annotators',
      'documents',
      'labels',
      'relation_types',
      'spans',
      'document_labels',
      'per_document',
      'excluded',
      'null_reasons',
      'model',
    ]);
    expect(report.model.pairs.map((x: { coder: string }) => x.coder)).toEqual(['alice', 'bob', 'gold']);
    expect(report.model.pairs[0].alpha_u).toHaveProperty('overall');
    expect(report.model.shortfalls.length).toBeGreaterThan(0);
    const withModel = JSON.parse(run('agreement', p, '--json', '--annotators', 'alice,bob,model').out);
    expect(withModel.annotators).toEqual(['alice', 'bob', 'model']);
    expect(withModel.model.coders).toEqual(['alice', 'bob']);
    const intervals = JSON.parse(run('agreement', p, '--json', '--intervals', '--draws', '50').out);
    expect(intervals.model.intervals.pairs).toHaveLength(3);
    expect(intervals.model.intervals.pairs[0].alpha_u.overall).toHaveProperty('lower');
    const text = run('agreement', p);
    expect(text.out).toMatch(/The model as a coder/);
    expect(text.out).toMatch(/model × alice/);
  }, 60_000);

  it('predicts every document as one JSON line, to stdout or a file', async () => {
    const out = run('model', 'predict', p)
      .out.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(25);
    expect(out[0]).toMatchObject({ annotator: 'model', status: 'done', seen_in_training: true });
    expect(out.at(-1).seen_in_training).toBe(false);
    expect(Object.keys(out[0].probabilities).sort()).toEqual(['Frames', 'Stance']);
    const file = join(dir, 'pred.jsonl');
    const r = run('model', 'predict', p, '--out', file);
    expect(r.err).toMatch(/wrote 25 lines/);
    expect(
      (await readFile(file, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(out);
  });

  it('evaluates the cross-fitted layer against gold and each coder, with intervals', () => {
    const r = JSON.parse(run('model', 'evaluate', p, '--json', '--draws', '50').out);
    expect(Object.keys(r.against)).toEqual(['gold', 'alice', 'bob']);
    expect(r.against.gold.documents).toBe(4);
    expect(r.against.alice.documents).toBe(20);
    expect(r.against.alice.spans.f1_overlap).toHaveProperty('lower');
    expect(r.model.staleness.stale).toBe(false);
    expect(r.agreement.pairs).toHaveLength(3);
    expect(run('model', 'evaluate', p, '--draws', '50').out).toMatch(/The model against gold/);
  }, 60_000);
});

describe('framelens export --include-model', () => {
  it('adds the model layer as annotator "model" only when asked', async () => {
    const with_ = join(dir, 'with.jsonl');
    const without = join(dir, 'without.jsonl');
    expect(run('export', p, '--format', 'jsonl', '--out', without).code).toBe(0);
    const r = run('export', p, '--format', 'jsonl', '--out', with_, '--include-model');
    expect(r.code).toBe(0);
    const annotators = async (f: string) =>
      (await readFile(f, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).annotator);
    expect(await annotators(without)).not.toContain('model');
    expect((await annotators(with_)).filter((a) => a === 'model')).toHaveLength(25);
  });
});
