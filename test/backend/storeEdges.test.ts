// The store's edges: what create refuses to overwrite, annotator names at every entrance, and a label
// rename that readers see whole or not at all.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { merge, pack } from '../../src/backend/annotationPackage';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { FrameLensService } from '../../src/backend/service';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('creating a project', () => {
  it('keeps the lines of an existing .gitignore and adds the missing ones', async () => {
    const root = join(dir, 'p');
    await mkdir(root);
    await writeFile(join(root, '.gitignore'), 'notes/\n.*.tmp\n');
    await Project.create(root, 'Kept');
    const lines = (await readFile(join(root, '.gitignore'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.slice(0, 2)).toEqual(['notes/', '.*.tmp']);
    expect(lines).toContain('.import-*');
    expect(lines).toContain('.framelens.lock*');
    expect(lines.filter((l) => l === '.*.tmp')).toHaveLength(1);
  });

  it('refuses, naming it, a codebook or index whose project.json is missing, and writes nothing', async () => {
    for (const file of ['codebook.json', 'document-index.json']) {
      const root = join(dir, file);
      await mkdir(root);
      await writeFile(join(root, file), '{"precious": true}\n');
      await expect(Project.create(root, 'Again')).rejects.toThrow(
        new RegExp(`refused: .*${file.replace('.', '\\.')} exists but project\\.json does not`),
      );
      expect(await readFile(join(root, file), 'utf8')).toBe('{"precious": true}\n');
      await expect(readFile(join(root, 'project.json'))).rejects.toThrow(/ENOENT/);
    }
  });

  it('refuses a folder whose documents/ already holds files', async () => {
    const root = join(dir, 'p');
    await mkdir(join(root, 'documents'), { recursive: true });
    await writeFile(join(root, 'documents', 'a.json'), '{}');
    await expect(Project.create(root, 'Docs')).rejects.toThrow(/documents already holds files; nothing was written/);
  });
});

describe('annotator names', () => {
  it('are unique ignoring case, and gold is reserved in every case, at every entrance', async () => {
    await sampleProject(dir);
    const root = join(dir, 'p');
    const service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
    const doc = await service.getDocument('doc1');
    const save = (annotator: string) =>
      service.saveAnnotations({
        document: 'doc1',
        annotator,
        textHash: doc.textHash,
        status: 'in_progress',
        spans: [],
        docLabels: {},
        baseUpdatedAt: null,
      });
    await expect(save('ALICE')).rejects.toThrow(/"ALICE" differs from "alice" only by case/);
    for (const name of ['gold', 'GOLD', 'Gold']) await expect(save(name)).rejects.toThrow(/refused/);
    await expect(service.planAssignments({ annotators: ['bob', 'BOB'], overlap: 1, seed: 1 })).rejects.toThrow(
      /only by case/,
    );

    const jsonl = join(dir, 'twin.jsonl');
    await writeFile(
      jsonl,
      `${JSON.stringify({ id: 'doc2', text: 'Demonstrations 😀 continued.', annotator: 'Alice', spans: [] })}\n`,
    );
    await expect(importIntoProject(service.current(), { paths: [jsonl], format: 'jsonl' })).rejects.toThrow(
      /twin\.jsonl:1: annotator "Alice" differs from "alice" only by case/,
    );
    await expect(
      importIntoProject(service.current(), { paths: [jsonl], format: 'jsonl', annotator: 'GOLD' }),
    ).rejects.toThrow(/--annotator/);

    const pkg = join(dir, 'alice.framelens.json');
    await pack(service.current(), 'alice', pkg);
    const raw = JSON.parse(await readFile(pkg, 'utf8'));
    await writeFile(pkg, JSON.stringify({ ...raw, annotator: 'ALICE' }));
    const report = await merge(service.current(), [pkg], { skipRefused: true }).catch((e: Error) => e.message);
    expect(JSON.stringify(report)).toMatch(/only by case/);
    expect(await service.current().annotators()).toEqual(['alice']);
  });
});

describe('a label rename', () => {
  it('is seen whole or not at all by a reader of the codebook and the records', async () => {
    const project = await Project.create(join(dir, 'p'), 'Rename');
    const lines = Array.from({ length: 40 }, (_, i) =>
      JSON.stringify({
        id: `d${i}`,
        text: `Article ${i}: rioters attacked banks while police watched.`,
        annotator: i % 2 ? 'alice' : 'bob',
        spans: [{ start: 0, end: 7, label: 'Naming' }],
      }),
    );
    await writeFile(join(dir, 'in.jsonl'), lines.join('\n'));
    await importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' });
    const service = await FrameLensService.start({ projectDir: join(dir, 'p'), configDir: join(dir, 'cfg') });
    const { codebook } = await service.getProject();
    const seen: string[] = [];
    let done = false;
    const reader = (async () => {
      const other = await Project.open(join(dir, 'p'));
      while (!done) {
        const state = await other.consistent(async () => {
          const labels = other.codebook.spanLabels.map((l) => l.name).sort();
          const used = new Set<string>();
          for (const a of await other.annotators())
            for (const r of await other.records(a)) for (const s of r.spans) used.add(s.label);
          return `${labels.join('+')} | ${[...used].sort().join('+')}`;
        });
        seen.push(state);
      }
    })();
    await service.renameLabel('Naming', 'Labelling', codebook.version);
    done = true;
    await reader;
    const raw = await readFile(join(dir, 'p', 'codebook.json'), 'utf8');
    expect(raw).toContain('"Labelling"');
    expect(raw).not.toContain('"Naming"');
    expect(seen.length).toBeGreaterThan(0);
    for (const state of seen) expect(['Naming | Naming', 'Labelling | Labelling']).toContain(state);
  }, 60_000);
});
