// Issue 6: annotators on many machines. Packages (pack/merge), the gold layer, and a project folder
// in git with two clones and two annotators: no conflicts, nothing lost.
import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptUnanimous, decide } from '../../src/backend/gold';
import { importIntoProject } from '../../src/backend/importer';
import { merge, pack } from '../../src/backend/packages';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function save(project: Project, annotator: string, document: string, spans: [number, number, string][]) {
  return project.saveRecord({
    document,
    annotator,
    textHash: project.entry(document).textHash,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels: {},
  });
}

describe('annotation packages', () => {
  it('round-trips one annotator\u2019s work into another copy of the project', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await save(laptop, 'bob', 'doc1', [[8, 16, 'Naming']]);
    await save(laptop, 'bob', 'doc2', [[0, 14, 'Naming']]);
    const file = join(dir, 'bob.flpkg.json');
    expect((await pack(laptop, 'bob', file)).records).toBe(2);
    const report = await merge(lead, [file]);
    expect(report.applied.map((a) => a.document)).toEqual(['doc1', 'doc2']);
    expect((await lead.readRecord('bob', 'doc1'))?.spans).toEqual([{ start: 8, end: 16, label: 'Naming' }]);
    expect((await merge(lead, [file])).unchanged).toHaveLength(2);
  });

  it('refuses a package made on a different text, and changes nothing', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await save(laptop, 'bob', 'doc1', [[0, 7, 'Naming']]);
    await save(laptop, 'bob', 'doc2', [[0, 14, 'Naming']]);
    const file = join(dir, 'bob.json');
    await pack(laptop, 'bob', file);
    const pkg = JSON.parse(await readFile(file, 'utf8'));
    pkg.records[1].textHash = `sha256:${'2'.repeat(64)}`;
    await writeFile(file, JSON.stringify(pkg));
    const report = await merge(lead, [file]);
    expect(report.refused).toEqual([
      { file, annotator: 'bob', document: 'doc2', reason: 'made on a different text of this document' },
    ]);
    expect(report.applied).toEqual([]);
    expect(await lead.readRecord('bob', 'doc1')).toBeNull();
    const partial = await merge(lead, [file], { skipRefused: true });
    expect(partial.applied.map((a) => a.document)).toEqual(['doc1']);
  });

  it('refuses labels the codebook lacks unless asked to add them', async () => {
    const lead = await sampleProject(dir);
    await cp(join(dir, 'p'), join(dir, 'laptop'), { recursive: true });
    const laptop = await Project.open(join(dir, 'laptop'));
    await laptop.saveCodebook(
      { ...laptop.codebook, spanLabels: [...laptop.codebook.spanLabels, { name: 'Blame', color: '#123456' }] },
      laptop.codebook.version,
    );
    await save(laptop, 'bob', 'doc1', [[0, 7, 'Blame']]);
    const file = join(dir, 'bob.json');
    await pack(laptop, 'bob', file);
    const refused = await merge(lead, [file]);
    expect(refused.refused[0].reason).toMatch(/labels not in this codebook: Blame/);
    expect(refused.notes[0]).toMatch(/codebook version/);
    const added = await merge(lead, [file], { addLabels: true });
    expect(added.addedLabels).toEqual(['Blame']);
    expect((await lead.readRecord('bob', 'doc1'))?.spans[0].label).toBe('Blame');
  });

  it('refuses a file that is not a package', async () => {
    const lead = await sampleProject(dir);
    await writeFile(join(dir, 'x.json'), '{"format": "something-else"}');
    await expect(merge(lead, [join(dir, 'x.json')])).rejects.toThrow(/not a Frame Lens package/);
  });
});

describe('gold layer', () => {
  it('accepts unanimous spans of a generated three-annotator corpus and leaves decisions untouched', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const lines: string[] = [];
    const text = 'one two three four five six seven eight nine ten eleven twelve';
    for (let d = 0; d < 6; d++)
      for (const a of ['ann', 'ben', 'cat']) {
        const spans = [{ start: 0, end: 3, label: 'X' }];
        if (a !== 'cat') spans.push({ start: 4, end: 7, label: 'Y' });
        if (a === 'ann') spans.push({ start: 8, end: 13, label: 'X' });
        lines.push(JSON.stringify({ id: `d${d}`, text: `${text} ${d}`, annotator: a, status: 'done', spans }));
      }
    await writeFile(join(dir, 'c.jsonl'), lines.join('\n'));
    await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    // The lead already rejected the unanimous span of d0.
    await decide(project, 'd0', [
      {
        action: 'reject',
        span: { start: 0, end: 3, label: 'X' },
        sources: ['ann', 'ben', 'cat'],
        by: 'lead',
        reason: 'guideline-gap',
      },
    ]);
    const all = await acceptUnanimous(project, { by: 'lead' });
    expect(all).toMatchObject({ documents: 5, accepted: 5, alreadyDecided: 1 });
    expect((await project.readRecord('gold', 'd0'))?.spans).toEqual([]);
    expect((await project.readRecord('gold', 'd1'))?.spans).toEqual([{ start: 0, end: 3, label: 'X' }]);
    const two = await acceptUnanimous(project, { by: 'lead', min: 2 });
    expect(two.accepted).toBe(6);
    const gold = await project.readRecord('gold', 'd1');
    expect(gold?.spans.map((s) => s.label)).toEqual(['X', 'Y']);
    expect(gold?.decisions?.map((d) => [d.action, d.reason, d.by, d.sources.join()])).toEqual([
      ['accept', 'unanimous', 'lead', 'ann,ben,cat'],
      ['accept', 'unanimous', 'lead', 'ann,ben'],
    ]);
  });
});

describe('a project folder in git', () => {
  const git = (cwd: string, ...args: string[]) =>
    execFileSync(
      'git',
      ['-c', 'user.name=t', '-c', 'user.email=t@example.org', '-c', 'init.defaultBranch=main', ...args],
      {
        cwd,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );

  it('two annotators on two clones pull both ways without a conflict, nothing lost', async () => {
    await sampleProject(dir);
    const origin = join(dir, 'origin.git');
    git(dir, 'init', '-q', '--bare', origin);
    git(join(dir, 'p'), 'init', '-q');
    git(join(dir, 'p'), 'add', '-A');
    git(join(dir, 'p'), 'commit', '-qm', 'project');
    git(join(dir, 'p'), 'remote', 'add', 'origin', origin);
    git(join(dir, 'p'), 'push', '-q', 'origin', 'HEAD:main');
    git(dir, 'clone', '-q', origin, join(dir, 'alice'));
    git(dir, 'clone', '-q', origin, join(dir, 'bob'));

    const alice = await Project.open(join(dir, 'alice'));
    const bob = await Project.open(join(dir, 'bob'));
    await save(alice, 'alice', 'doc2', [[0, 14, 'Naming']]);
    await save(bob, 'bob', 'doc1', [[8, 16, 'Naming']]);
    await save(bob, 'bob', 'doc2', [[17, 26, 'Naming']]);
    for (const [who, name] of [
      [join(dir, 'alice'), 'alice'],
      [join(dir, 'bob'), 'bob'],
    ] as const) {
      git(who, 'add', '-A');
      git(who, 'commit', '-qm', `${name}'s coding`);
    }
    git(join(dir, 'alice'), 'push', '-q', 'origin', 'HEAD:main');
    git(join(dir, 'bob'), 'pull', '-q', '--no-rebase', 'origin', 'main');
    git(join(dir, 'bob'), 'push', '-q', 'origin', 'HEAD:main');
    git(join(dir, 'alice'), 'pull', '-q', '--no-rebase', 'origin', 'main');

    for (const clone of ['alice', 'bob']) {
      const p = await Project.open(join(dir, clone));
      expect(p.problems.size).toBe(0);
      expect(await p.annotators()).toEqual(['alice', 'bob']);
      expect((await p.readRecord('alice', 'doc2'))?.spans).toEqual([{ start: 0, end: 14, label: 'Naming' }]);
      expect((await p.readRecord('alice', 'doc1'))?.spans).toEqual([{ start: 0, end: 7, label: 'Naming' }]);
      expect((await p.readRecord('bob', 'doc2'))?.spans).toEqual([{ start: 17, end: 26, label: 'Naming' }]);
      expect(git(join(dir, clone), 'status', '--porcelain')).toBe('');
    }
  });
});
