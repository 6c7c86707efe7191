// Bad input: every importer on random, truncated or mangled files: no crash, no hang, one
// clear error naming the file, and the project unchanged.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, importIntoProject } from '../../src/backend/importer';
import type { Project } from '../../src/backend/project';
import { IMPORT_FORMAT_NAMES } from '../../src/core/formats/registry';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
let project: Project;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  project = await sampleProject(dir);
});
afterAll(() => cleanup());

async function snapshot(root: string): Promise<string> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(`${p}\n${await readFile(p, 'utf8')}`);
    }
  }
  await walk(root);
  return out.join('\n');
}

const VALID_LINE = JSON.stringify({
  id: 'fz',
  text: 'Protests 😀 continued.',
  annotator: 'alice',
  spans: [{ start: 0, end: 8, label: 'Naming' }],
});

const mangled = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
  fc.nat({ max: VALID_LINE.length }).map((n) => Buffer.from(VALID_LINE.slice(0, n))),
  fc
    .tuple(fc.nat({ max: VALID_LINE.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }))
    .map(([i, s]) => Buffer.from(VALID_LINE.slice(0, i) + s + VALID_LINE.slice(i + 1))),
  fc.constant(
    Buffer.from(
      `{"id":"big","text":"${'x'.repeat(200_000)}","annotator":"alice","spans":[{"start":0,"end":999999,"label":"N"}]}`,
    ),
  ),
);

describe('importers under bad input', () => {
  for (const format of IMPORT_FORMAT_NAMES) {
    it(`${format}: succeeds or fails with one line naming the file; a failure changes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(mangled, async (bytes) => {
          const file = join(dir, `input.${format === 'label-studio' ? 'json' : 'txt'}`);
          await writeFile(file, bytes);
          const before = await snapshot(project.layout.root);
          try {
            await importIntoProject(project, { paths: [file], format, annotator: 'fuzz', dryRun: true });
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError);
            const message = (error as Error).message;
            expect(message.split('\n')).toHaveLength(1);
            expect(message).toContain('input.');
          }
          expect(await snapshot(project.layout.root)).toBe(before);
        }),
        { numRuns: 25 },
      );
    });
  }

  it('a failing real import removes the documents it already wrote', async () => {
    const file = join(dir, 'mixed.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ id: 'ok1', text: 'fine' })}\n${JSON.stringify({ id: 'ok2', text: 'fine too' })}\n{broken\n`,
    );
    const before = await snapshot(project.layout.root);
    await expect(importIntoProject(project, { paths: [file], format: 'jsonl' })).rejects.toThrow(/mixed\.jsonl:3:/);
    expect(await snapshot(project.layout.root)).toBe(before);
  });
});
