// `framelens study …` end to end through the real binary: a training round with a minimum, a main round, their
// status, closing, and the report, whose matrices must give the report's α under an independent α.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../src/core/formats/csv';
import { tempDir } from '../backend/helpers';
import { studyProject } from '../backend/studyProject';
import { nominalAlpha } from '../core/study/nominalAlpha';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'framelens.js');
let dir: string;
let project: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await studyProject(dir, 60);
  project = join(dir, 'p');
});
afterAll(() => cleanup());

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FRAMELENS_CONFIG_DIR: join(dir, 'cfg') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function oneLineError(r: ReturnType<typeof run>, pattern: RegExp) {
  expect(r.code).not.toBe(0);
  expect(r.err.trim().split('\n')).toHaveLength(1);
  expect(r.err.trim()).toMatch(pattern);
}

async function listFiles(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

describe('framelens study', () => {
  it('runs a study: create, status, close, report; refusals are one line', async () => {
    oneLineError(
      run(
        'study',
        'create',
        project,
        '--name',
        'R1',
        '--size',
        '10',
        '--seed',
        '1',
        '--coders',
        'a,b',
        '--strata',
        'topic',
      ),
      /^framelens: --strata topic: give outlet or story$/,
    );
    oneLineError(
      run('study', 'create', project, '--name', 'R1', '--size', 'ten', '--seed', '1', '--coders', 'a,b'),
      /--size ten: give a whole number/,
    );
    oneLineError(
      run('study', 'close', project, '--name', 'R1'),
      /refused: no round named "R1" \(the project has no round yet\)/,
    );

    const pilot = run(
      ...['study', 'create', project, '--name', 'Pilot', '--size', '5', '--seed', '9', '--coders', 'alice,bob,carol'],
      ...['--training', '--min', 'f1_overlap=0.01', '--by', 'lead'],
    );
    expect(pilot.err).toBe('');
    expect(pilot.out).toMatch(
      /^opened training round "Pilot": 5 of 60 documents drawn \(seed 9\); coders alice, bob, carol; codebook version \d+ frozen/,
    );
    oneLineError(
      run('study', 'create', project, '--name', 'R1', '--size', '30', '--seed', '1', '--coders', 'alice,bob,carol'),
      /^framelens: refused: alice cannot be compared with gold in training round "Pilot": no gold on these documents yet and cannot join a main round yet$/,
    );
    expect(run('adjudicate', project, '--accept-unanimous', '--min', '2', '--by', 'lead').code).toBe(0);
    const training = JSON.parse(run('study', 'training', project, '--name', 'Pilot', '--json').out);
    expect(training.map((t: { coder: string; submitted: boolean }) => [t.coder, t.submitted])).toEqual([
      ['alice', true],
      ['bob', true],
      ['carol', true],
    ]);
    expect(run('study', 'close', project, '--name', 'Pilot', '--by', 'lead').code).toBe(0);

    const created = run(
      ...['study', 'create', project, '--name', 'R1', '--size', '30', '--seed', '4', '--coders', 'alice,bob,carol'],
      ...['--strata', 'outlet', '--by', 'lead'],
    );
    expect(created.err).toBe('');
    expect(created.out).toMatch(/30 of 55 documents drawn \(seed 4, 5 drawn by earlier rounds left out\)/);
    oneLineError(
      run('study', 'report', project, '--name', 'R1', '--out', join(dir, 'x')),
      /round "R1" is open: close it first/,
    );
    const status = JSON.parse(run('study', 'status', project, '--json').out);
    expect(status.rounds.map((r: { name: string; state: string }) => [r.name, r.state])).toEqual([
      ['Pilot', 'closed'],
      ['R1', 'open'],
    ]);
    expect(
      status.rounds[1].sample.allocation.map((a: { stratum: string; drawn: number }) => [a.stratum, a.drawn]),
    ).toEqual([
      ['Daily', 10],
      ['Weekly', 20],
    ]);
    const text = run('study', 'status', project, '--name', 'R1');
    expect(text.out).toMatch(/R1 \(main, open\): 30 documents, seed 4, stratified by outlet \(Daily 10, Weekly 20\)/);
    expect(text.out).toMatch(/alice\s+30\s+0\s+0\s+0/);

    const closed = run('study', 'close', project, '--name', 'R1', '--by', 'lead');
    expect(closed.err).toBe('');
    expect(closed.out).toMatch(/Intervals: percentile bootstrap over documents, 1000 draws, seed 4, 95%/);
    expect(closed.out).toMatch(/All span labels \(α_U\)\s+\d+\s+-?\d\.\d{3}\s+-?\d\.\d{3}–-?\d\.\d{3}/);

    const a = join(dir, 'report-a');
    const b = join(dir, 'report-b');
    const wrote = run('study', 'report', project, '--name', 'R1', '--out', a);
    expect(wrote.out).toMatch(/^wrote \d+ files to .*report-a: appendix-table\.tex, appendix\.html, appendix\.md/);
    expect(run('study', 'report', project, '--name', 'R1', '--out', b).code).toBe(0);
    const files = await listFiles(a);
    expect(files).toContain('reliability/kripp-alpha/variable-01.csv');
    expect(await listFiles(b)).toEqual(files);
    for (const f of files) expect(await readFile(join(b, f), 'utf8'), f).toBe(await readFile(join(a, f), 'utf8'));

    // the exported matrices give the report's document-label α under an α written in the test
    const figures = JSON.parse(await readFile(join(a, 'figures.json'), 'utf8'));
    const index = parseCsvRows(await readFile(join(a, 'reliability/variables.csv'), 'utf8')).map((r) => r.cells);
    expect(index.length).toBeGreaterThan(2);
    for (const [file, group, option] of index.slice(1)) {
      const key = option === '' ? `doc:${group}` : `doc:${group}:${option}`;
      const want = figures.summary.variables.find((v: { key: string }) => v.key === key).alpha;
      expect(want, key).toBeTypeOf('number');
      const kripp = parseCsvRows(await readFile(join(a, `reliability/kripp-alpha/${file}.csv`), 'utf8')).map(
        (r) => r.cells,
      );
      const byUnit = kripp[0]
        .slice(1)
        .map((_, u) => kripp.slice(1).map((row) => (row[u + 1] === 'NA' ? null : row[u + 1])));
      expect(nominalAlpha(byUnit)).toBeCloseTo(want, 12);
      const kalpha = parseCsvRows(await readFile(join(a, `reliability/kalpha/${file}.csv`), 'utf8')).map(
        (r) => r.cells,
      );
      expect(nominalAlpha(kalpha.slice(1).map((r) => r.slice(1).map((v) => (v === '.' ? null : v))))).toBeCloseTo(
        want,
        12,
      );
    }
    const md = await readFile(join(a, 'appendix.md'), 'utf8');
    expect(md).toMatch(/Before it, coders were trained in round “Pilot”/);
    expect(md).toMatch(/stratified by outlet with proportional allocation/);
    // seventeen runs of the CLI in a row: 25 s on an idle machine, 40 s at load 6
  }, 300_000);

  it('advice: Krippendorff’s minimum for the codebook', () => {
    const r = run('study', 'advice', project, '--alpha-min', '0.667', '--json');
    expect(r.code).toBe(0);
    const advice = JSON.parse(r.out);
    expect(advice.alphaMin).toBe(0.667);
    expect(advice.perVariable.map((v: { variable: string }) => v.variable)).toContain('Stance');
    oneLineError(run('study', 'advice', project, '--p', '0.7'), /--p 0\.7: give a number between 0 and 0\.5/);
  });
});
