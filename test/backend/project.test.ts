import { execFileSync } from 'node:child_process';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide } from '../../src/backend/adjudication';
import { projectAgreement } from '../../src/backend/agreement';
import { renameLabel } from '../../src/backend/codebook';
import { Project } from '../../src/backend/project';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('Project', () => {
  it('creates a folder that opens again with its settings, codebook and documents', async () => {
    await sampleProject(dir);
    const project = await Project.open(join(dir, 'p'));
    expect(project.settings).toEqual({ name: 'Sample', selectionUnit: 'word' });
    expect([...project.index.keys()]).toEqual(['doc1', 'doc2']);
    expect(project.codebook.spanLabels.map((l) => l.name)).toEqual(['Naming']);
    expect(await project.annotators()).toEqual(['alice']);
    expect(project.problems.size).toBe(0);
  });

  it('refuses to create a project where one exists, and to open a folder that is none', async () => {
    await sampleProject(dir);
    await expect(Project.create(join(dir, 'p'), 'x')).rejects.toThrow(/already holds/);
    await expect(Project.open(dir)).rejects.toThrow(/not a Frame Lens project/);
  });

  it("lists documents without reading their text, with the annotator's status", async () => {
    const project = await sampleProject(dir);
    await writeFile(project.layout.documentFile('doc2'), 'not json'); // would fail if read
    const docs = await project.listDocuments('alice');
    expect(docs.map((d) => [d.id, d.status, d.spans, d.length])).toEqual([
      ['doc1', 'done', 1, 43],
      ['doc2', 'todo', 0, 27],
    ]);
  });

  it('saves a record durably, in stable form, and reads it back', async () => {
    const project = await sampleProject(dir);
    const entry = project.entry('doc2');
    const record = await project.saveRecord({
      document: 'doc2',
      annotator: 'bob',
      textHash: entry.textHash,
      status: 'in_progress',
      spans: [
        { start: 17, end: 26, label: 'Naming' },
        { start: 0, end: 14, label: 'Naming' },
      ],
      docLabels: {},
    });
    expect(record.spans.map((s) => s.start)).toEqual([0, 17]);
    expect(record.codebookVersion).toBe(project.codebook.version);
    const raw = await readFile(project.layout.annotationFile('bob', 'doc2'), 'utf8');
    expect(raw.indexOf('"annotator"')).toBeLessThan(raw.indexOf('"document"'));
    expect(JSON.parse(raw).schema).toBe(1);
    expect((await project.readRecord('bob', 'doc2'))?.spans).toEqual(record.spans);
  });

  it('refuses saves that do not fit the document or the codebook', async () => {
    const project = await sampleProject(dir);
    const { textHash } = project.entry('doc1');
    const base = { document: 'doc1', annotator: 'bob', textHash, status: 'done' as const, docLabels: {} };
    await expect(project.saveRecord({ ...base, spans: [{ start: 0, end: 99, label: 'Naming' }] })).rejects.toThrow(
      /past the end/,
    );
    await expect(project.saveRecord({ ...base, spans: [{ start: 0, end: 3, label: 'Nope' }] })).rejects.toThrow(
      /not in the codebook/,
    );
    await expect(project.saveRecord({ ...base, textHash: `sha256:${'0'.repeat(64)}`, spans: [] })).rejects.toThrow(
      /different text/,
    );
    await expect(project.saveRecord({ ...base, spans: [], docLabels: { Stance: 'nope' } })).rejects.toThrow(
      /not an option/,
    );
    await expect(project.saveRecord({ ...base, spans: [], docLabels: { Stance: ['critical'] } })).rejects.toThrow(
      /one value/,
    );
  });

  it('reports a broken annotation file, keeps the rest open, and never overwrites it', async () => {
    const project = await sampleProject(dir);
    const path = project.layout.annotationFile('alice', 'doc1');
    await writeFile(path, '{"schema": 1, "truncated');
    const reopened = await Project.open(join(dir, 'p'));
    expect(await reopened.readRecord('alice', 'doc1')).toBeNull();
    expect([...reopened.problems.values()][0]).toMatchObject({ path: join('annotations', 'alice', 'doc1.json') });
    expect([...reopened.problems.values()][0].reason).toMatch(/not valid JSON/);
    await expect(
      reopened.saveRecord({
        document: 'doc1',
        annotator: 'alice',
        textHash: reopened.entry('doc1').textHash,
        status: 'done',
        spans: [],
        docLabels: {},
      }),
    ).rejects.toThrow(/refused to overwrite/);
    expect(await readFile(path, 'utf8')).toBe('{"schema": 1, "truncated');
    expect((await reopened.listDocuments()).length).toBe(2);
  });

  it('reports an annotation file made on a different text instead of showing shifted spans', async () => {
    const project = await sampleProject(dir);
    const path = project.layout.annotationFile('alice', 'doc1');
    const data = JSON.parse(await readFile(path, 'utf8'));
    data.textHash = `sha256:${'1'.repeat(64)}`;
    await writeFile(path, JSON.stringify(data));
    expect(await project.readRecord('alice', 'doc1')).toBeNull();
    expect([...project.problems.values()].map((p) => p.reason).join()).toMatch(/different text/);
  });

  it('opens with a broken codebook, reports it, and refuses to overwrite it', async () => {
    const project = await sampleProject(dir);
    await writeFile(project.layout.codebookFile, '{"schema": 2}');
    const reopened = await Project.open(join(dir, 'p'));
    expect([...reopened.problems.keys()]).toEqual(['codebook.json']);
    await expect(reopened.saveCodebook(reopened.codebook, reopened.codebook.version)).rejects.toThrow(
      /refused to overwrite/,
    );
    expect(await readFile(project.layout.codebookFile, 'utf8')).toBe('{"schema": 2}');
  });

  it('bumps the codebook version on every change and refuses a stale edit', async () => {
    const project = await sampleProject(dir);
    const v = project.codebook.version;
    const next = await project.saveCodebook(
      { ...project.codebook, spanLabels: [...project.codebook.spanLabels, { name: 'New', color: '#112233' }] },
      v,
    );
    expect(next.version).toBe(v + 1);
    await expect(project.saveCodebook(next, v)).rejects.toThrow(/changed/);
  });

  it('never turns ids into paths', async () => {
    const project = await sampleProject(dir);
    expect(() => project.layout.annotationFile('../../etc', 'doc1')).toThrow(/annotator/);
    expect(() => project.layout.documentFile('/abs')).toThrow(/document id/);
    expect(() => project.entry('../doc1')).toThrow(/no document/);
  });
});

describe('crash leftovers', () => {
  it('removes stale temp files after open and keeps fresh ones (a write may be in flight)', async () => {
    const { utimes } = await import('node:fs/promises');
    const project = await sampleProject(dir);
    const stale = join(project.layout.annotatorDir('alice'), '.doc1.json.0123456789ab.tmp');
    const fresh = join(project.layout.annotatorDir('alice'), '.doc1.json.ba9876543210.tmp');
    await writeFile(stale, '{"half');
    await writeFile(fresh, '{"half');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(stale, old, old);
    await (await Project.open(join(dir, 'p'))).settled();
    const { readdir } = await import('node:fs/promises');
    const left = await readdir(project.layout.annotatorDir('alice'));
    expect(left).toContain('.doc1.json.ba9876543210.tmp');
    expect(left).not.toContain('.doc1.json.0123456789ab.tmp');
  });
});

describe('conflicts', () => {
  it('refuses a save whose file changed since the edit began, and never overwrites it', async () => {
    const project = await sampleProject(dir);
    const base = await project.readRecord('alice', 'doc1');
    const input = {
      document: 'doc1',
      annotator: 'alice',
      textHash: project.entry('doc1').textHash,
      status: 'done' as const,
      docLabels: {},
    };
    // Another machine's save lands first (a git pull).
    const theirs = await project.saveRecord({ ...input, spans: [{ start: 8, end: 16, label: 'Naming' }] });
    await expect(
      project.saveRecord({ ...input, spans: [{ start: 0, end: 7, label: 'Naming' }], baseUpdatedAt: base!.updatedAt }),
    ).rejects.toThrow(/^conflict: .*changed on disk/);
    expect((await project.readRecord('alice', 'doc1'))?.spans).toEqual(theirs.spans);
    // Starting from what is on disk now, the save goes through.
    await project.saveRecord({ ...input, spans: [], baseUpdatedAt: theirs.updatedAt });
    await expect(project.saveRecord({ ...input, spans: [], baseUpdatedAt: null })).rejects.toThrow(/conflict/);
  });
});

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
      expect((await p.readRecord('alice', 'doc2'))?.spans).toEqual([{ id: 's1', start: 0, end: 14, label: 'Naming' }]);
      expect((await p.readRecord('alice', 'doc1'))?.spans).toEqual([{ id: 's1', start: 0, end: 7, label: 'Naming' }]);
      expect((await p.readRecord('bob', 'doc2'))?.spans).toEqual([{ id: 's1', start: 17, end: 26, label: 'Naming' }]);
      expect(git(join(dir, clone), 'status', '--porcelain')).toBe('');
    }
  });
});

describe('span ids on disk', () => {
  it('are written by every writer: an import, a save, a label rename', async () => {
    const project = await sampleProject(dir);
    const file = join(dir, 'p', 'annotations', 'alice', 'doc1.json');
    const ids = async () => JSON.parse(await readFile(file, 'utf8')).spans.map((s: { id: string }) => s.id);
    expect(await ids()).toEqual(['s1']);
    const record = (await project.readRecord('alice', 'doc1'))!;
    await project.saveRecord({ ...record, spans: [...record.spans, { start: 8, end: 16, label: 'Naming' }] });
    expect(await ids()).toEqual(['s1', 's2']);
    await renameLabel(project, 'Naming', 'Name', project.codebook.version);
    expect(await ids()).toEqual(['s1', 's2']);
  });
});

describe('a project written before span ids (test/backend/fixtures/project-before-span-ids)', () => {
  const FIXTURE = join(import.meta.dirname, 'fixtures', 'project-before-span-ids');
  let root: string;
  beforeEach(async () => {
    root = join(dir, 'old');
    await cp(FIXTURE, root, { recursive: true });
  });

  async function files(at: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const entry of await readdir(at, { recursive: true, withFileTypes: true }))
      if (entry.isFile()) {
        const path = join(entry.parentPath, entry.name);
        out[relative(at, path)] = await readFile(path, 'utf8');
      }
    return out;
  }

  const stored = async (annotator: string, document: string) =>
    JSON.parse(await readFile(join(root, 'annotations', annotator, `${document}.json`), 'utf8'));

  it('opens and reads with ids given in stored order, and writes nothing by reading', async () => {
    const before = await files(root);
    const project = await Project.open(root);
    expect(project.problems.size).toBe(0);
    expect(await project.annotators()).toEqual(['alice', 'bob', 'gold']);
    expect((await project.readRecord('alice', 'riot-a'))?.spans).toEqual([
      { id: 's1', start: 0, end: 7, label: 'Naming' },
      { id: 's2', start: 17, end: 22, label: 'Target', note: 'banks, not people' },
      { id: 's3', start: 45, end: 55, label: 'Naming' },
    ]);
    const gold = await project.readRecord('gold', 'riot-a');
    expect(gold?.spans.map((s) => `${s.id} ${s.start}-${s.end} ${s.label}`)).toEqual([
      's1 0-7 Naming',
      's2 17-22 Target',
      's3 45-63 Naming',
    ]);
    expect(gold?.decisions?.map((d) => [d.action, d.span.id])).toEqual([
      ['accept', undefined],
      ['reject', undefined],
      ['accept', undefined],
      ['edit', undefined],
    ]);
    expect(await project.readAssignments()).toMatchObject({ seed: 7 });
    expect(await files(root)).toEqual(before);
  });

  it('stores the ids on the next save, keeps them through resize and relabel, and gives new spans new ones', async () => {
    const project = await Project.open(root);
    const read = (await project.readRecord('alice', 'riot-a'))!;
    const [first, second, third] = read.spans;
    await project.saveRecord({
      ...read,
      spans: [first, { ...second, label: 'Naming' }, { ...third, end: 63 }, { start: 23, end: 28, label: 'Naming' }],
    });
    expect((await stored('alice', 'riot-a')).spans).toEqual([
      { id: 's1', start: 0, end: 7, label: 'Naming' },
      { id: 's2', start: 17, end: 22, label: 'Naming', note: 'banks, not people' },
      { id: 's4', start: 23, end: 28, label: 'Naming' },
      { id: 's3', start: 45, end: 63, label: 'Naming' },
    ]);
  });

  it('gives a client that sends no ids the stored ids back', async () => {
    const project = await Project.open(root);
    const read = (await project.readRecord('bob', 'riot-a'))!;
    const plain = read.spans.map(({ start, end, label }) => ({ start, end, label }));
    const saved = await project.saveRecord({ ...read, spans: plain });
    expect(saved.spans.map((s) => s.id)).toEqual(['s1', 's2', 's3']);
    expect((await stored('bob', 'riot-a')).spans.map((s: { id: string }) => s.id)).toEqual(['s1', 's2', 's3']);
  });

  it('adjudicates on top of old decisions: they stay as written, new ones name span ids', async () => {
    const project = await Project.open(root);
    const before = (await stored('gold', 'riot-a')).decisions;
    const gold = await decide(project, 'riot-a', [
      {
        action: 'edit',
        span: { start: 45, end: 55, label: 'Naming' },
        replaces: [{ start: 45, end: 63, label: 'Naming' }],
        sources: ['alice'],
        by: 'lead',
        reason: 'other',
      },
      { action: 'reject', span: { start: 0, end: 7, label: 'Naming' }, sources: [], by: 'lead', reason: 'other' },
    ]);
    expect(gold.decisions?.slice(0, 4)).toEqual(before);
    expect(gold.decisions?.slice(4).map((d) => [d.action, d.span.id, d.replaces?.map((r) => r.id)])).toEqual([
      ['edit', 's3', ['s3']],
      ['reject', 's1', undefined],
    ]);
    expect((await stored('gold', 'riot-a')).spans.map((s: { id: string }) => s.id)).toEqual(['s2', 's3']);
  });

  it('keeps ids through a label rename, and agreement does not change when ids are added', async () => {
    const project = await Project.open(root);
    const figures = JSON.stringify(await projectAgreement(project));
    await renameLabel(project, 'Naming', 'Labelling', project.codebook.version);
    expect(
      (await stored('bob', 'riot-a')).spans.map((s: { id: string; label: string }) => `${s.id} ${s.label}`),
    ).toEqual(['s1 Labelling', 's2 Labelling', 's3 Labelling']);
    await renameLabel(project, 'Labelling', 'Naming', project.codebook.version);
    expect(JSON.stringify(await projectAgreement(await Project.open(root)))).toBe(figures);
  });
});

describe('relations in the annotation record', () => {
  const types = [
    { name: 'blames', color: '#112233', source: ['Cause'], target: ['Actor'] },
    { name: 'same as', color: '#445566', symmetric: true },
  ];
  // doc1: 'Rioters attacked banks. Protesters marched.'
  const spans = [
    { id: 'c1', start: 8, end: 16, label: 'Cause' },
    { id: 'a1', start: 0, end: 7, label: 'Actor' },
    { id: 'a2', start: 24, end: 34, label: 'Actor' },
  ];
  async function withTypes(): Promise<Project> {
    const project = await sampleProject(dir);
    await project.saveCodebook(
      {
        ...project.codebook,
        spanLabels: [
          ...project.codebook.spanLabels,
          { name: 'Cause', color: '#000001' },
          { name: 'Actor', color: '#000002' },
        ],
        relationTypes: types,
      },
      project.codebook.version,
    );
    return project;
  }
  const input = (project: Project, extra: Partial<Parameters<Project['saveRecord']>[0]> = {}) => ({
    document: 'doc1',
    annotator: 'bob',
    textHash: project.entry('doc1').textHash,
    status: 'in_progress' as const,
    spans,
    docLabels: {},
    ...extra,
  });
  const onDisk = async (annotator: string) =>
    JSON.parse(await readFile(join(dir, 'p', 'annotations', annotator, 'doc1.json'), 'utf8'));

  it('are stored pointing at span ids, symmetric ones from the earlier span, in text order', async () => {
    const project = await withTypes();
    const saved = await project.saveRecord(
      input(project, {
        relations: [
          { from: 'a2', to: 'a1', type: 'same as' },
          { from: 'c1', to: 'a2', type: 'blames', note: 'the article says so' },
          { from: 'c1', to: 'a1', type: 'blames' },
        ],
      }),
    );
    const expected = [
      { from: 'a1', to: 'a2', type: 'same as' },
      { from: 'c1', to: 'a1', type: 'blames' },
      { from: 'c1', to: 'a2', type: 'blames', note: 'the article says so' },
    ];
    expect(saved.relations).toEqual(expected);
    expect((await onDisk('bob')).relations).toEqual(expected);
    expect((await (await Project.open(join(dir, 'p'))).readRecord('bob', 'doc1'))?.relations).toEqual(expected);
  });

  it('refuse, in one line, a relation to a span the record lacks, of an unknown type, or whose labels do not fit', async () => {
    const project = await withTypes();
    await expect(
      project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'zz', type: 'blames' }] })),
    ).rejects.toThrow('refused: relation c1 → zz (blames) names span zz, which the record does not hold');
    await expect(
      project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'a1', type: 'praises' }] })),
    ).rejects.toThrow('refused: relation type "praises" is not in the codebook');
    await expect(
      project.saveRecord(input(project, { relations: [{ from: 'a1', to: 'c1', type: 'blames' }] })),
    ).rejects.toThrow('refused: relation a1 → c1 (blames): "blames" starts from "Cause", not from "Actor"');
    expect(await project.readRecord('bob', 'doc1')).toBeNull();
  });

  it('a stored relation stays when the codebook narrows its type later; a new one must fit', async () => {
    const project = await withTypes();
    await project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'a1', type: 'blames' }] }));
    await project.saveCodebook(
      { ...project.codebook, relationTypes: [{ ...types[0], source: ['Actor'] }, types[1]] },
      project.codebook.version,
    );
    const again = await project.saveRecord(
      input(project, { status: 'done', relations: [{ from: 'c1', to: 'a1', type: 'blames' }] }),
    );
    expect(again.relations).toHaveLength(1);
    await expect(
      project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'a2', type: 'blames' }] })),
    ).rejects.toThrow(/starts from "Actor", not from "Cause"/);
  });

  it('a save that leaves relations out keeps the stored ones, but for those of spans it removed', async () => {
    const project = await withTypes();
    await project.saveRecord(
      input(project, {
        relations: [
          { from: 'c1', to: 'a1', type: 'blames' },
          { from: 'c1', to: 'a2', type: 'blames' },
        ],
      }),
    );
    const saved = await project.saveRecord({ ...input(project), spans: spans.filter((s) => s.id !== 'a2') });
    expect(saved.relations).toEqual([{ from: 'c1', to: 'a1', type: 'blames' }]);
    const cleared = await project.saveRecord(input(project, { relations: [] }));
    expect(cleared.relations).toBeUndefined();
    expect((await onDisk('bob')).relations).toBeUndefined();
  });

  it('follow a span through resize and relabel (its id stays)', async () => {
    const project = await withTypes();
    await project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'a1', type: 'blames' }] }));
    const moved = spans.map(({ id: _id, ...s }) => (s.start === 0 ? { ...s, end: 5 } : s));
    const saved = await project.saveRecord({ ...input(project), spans: moved });
    expect(saved.spans.find((s) => s.start === 0)).toMatchObject({ id: 'a1', end: 5 });
    expect(saved.relations).toEqual([{ from: 'c1', to: 'a1', type: 'blames' }]);
  });

  it('a file from before relations (and before relation types) reads as a record without relations', async () => {
    const project = await sampleProject(dir);
    const before = await onDisk('alice');
    expect(before.relations).toBeUndefined();
    expect(JSON.parse(await readFile(project.layout.codebookFile, 'utf8')).codebook.relationTypes).toBeUndefined();
    expect((await project.readRecord('alice', 'doc1'))?.relations).toBeUndefined();
  });

  it('a file whose relation names a missing span is reported, not shown', async () => {
    const project = await withTypes();
    await project.saveRecord(input(project, { relations: [{ from: 'c1', to: 'a1', type: 'blames' }] }));
    const file = await onDisk('bob');
    file.relations[0].to = 'gone';
    await writeFile(join(dir, 'p', 'annotations', 'bob', 'doc1.json'), JSON.stringify(file));
    const reopened = await Project.open(join(dir, 'p'));
    expect(await reopened.readRecord('bob', 'doc1')).toBeNull();
    expect([...reopened.problems.values()][0].reason).toMatch(/relation c1 → gone \(blames\) names span gone/);
  });

  it('a conflict covers relations as spans: an edit made on an older version is refused whole', async () => {
    const project = await withTypes();
    const first = await project.saveRecord(input(project));
    await project.saveRecord(
      input(project, { relations: [{ from: 'c1', to: 'a1', type: 'blames' }], baseUpdatedAt: first.updatedAt }),
    );
    await expect(
      project.saveRecord(
        input(project, { relations: [{ from: 'c1', to: 'a2', type: 'blames' }], baseUpdatedAt: first.updatedAt }),
      ),
    ).rejects.toThrow(/conflict/);
    expect((await onDisk('bob')).relations).toEqual([{ from: 'c1', to: 'a1', type: 'blames' }]);
  });
});

describe('Project.records after the summaries, while the change feed watches', () => {
  const watching = async () => {
    const project = await Project.open(join(dir, 'p'));
    project.watcher = { watchCount: 1 };
    await project.allSummaries();
    return project;
  };

  it('takes no version stamp the summaries took since the feed reported nothing', async () => {
    await sampleProject(dir);
    const project = await watching();
    const records = await project.records('alice');
    expect(records.map((r) => [r.document, r.spans.length])).toEqual([['doc1', 1]]);
    expect(project.recordStamps).toBe(0);
  });

  it('stamps and reads again a file the feed reported changed after the summaries looked', async () => {
    await sampleProject(dir);
    const project = await watching();
    const path = project.layout.annotationFile('alice', 'doc1');
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.spans = [...file.spans, { id: 'later', start: 8, end: 16, label: 'Naming' }];
    // in place, as an editor saves: the folder's own stamp does not move
    await writeFile(path, JSON.stringify(file));
    project.forget('annotations/alice/doc1.json');
    const records = await project.records('alice');
    expect(records[0]?.spans.map((s) => [s.start, s.end])).toEqual([
      [0, 7],
      [8, 16],
    ]);
    expect(project.recordStamps).toBe(1);
  });
});
