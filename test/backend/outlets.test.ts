// The kept outlet tables after an edit: brought up to date for the documents that changed, equal to a count over
// everything.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importIntoProject } from '../../src/backend/importer';
import { keptOutletTables, outletCorpus, selectedRecords } from '../../src/backend/outlets';
import { Project } from '../../src/backend/project';
import { outletTables } from '../../src/backend/reportCompute';
import { tableCorpus } from '../../src/core/outlets';
import { tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const WORDS = ['riots', 'protests', 'foreign-backed', 'the', 'forces', 'said', 'Tehran', 'unrest'];

async function coded(): Promise<Project> {
  const lines: string[] = [];
  for (let d = 0; d < 12; d++) {
    const text = Array.from({ length: 30 }, (_, i) => WORDS[(i * 7 + d) % WORDS.length]).join(' ');
    for (const annotator of ['alice', 'bob'])
      lines.push(
        JSON.stringify({
          id: `doc${String(d).padStart(2, '0')}`,
          text,
          meta: { outlet: ['PressTV', 'Reuters', 'IRNA'][d % 3], story: `s${d % 2}` },
          annotator,
          spans: [0, 1, 2].map((j) => ({
            start: j * 20,
            end: j * 20 + 6 + d,
            label: ['Naming', 'Cause'][(j + d) % 2],
          })),
          relations: [{ from: 1, to: 0, type: 'blames' }],
          doc_labels: { stance: d % 2 ? 'critical' : 'neutral' },
        }),
      );
  }
  const project = await Project.create(join(dir, 'p'), 'P');
  await writeFile(join(dir, 'in.jsonl'), `${lines.join('\n')}\n`);
  await importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' });
  return project;
}

describe('the kept outlet tables', () => {
  it('follow several edits, a relabel, a delete and a new outlet without counting everything again', async () => {
    const project = await coded();
    for (const filter of [{}, { story: 's1' }, { label: 'Naming' }]) {
      const tables = async () => {
        const records = await selectedRecords(project, {});
        const corpus = await outletCorpus(project, records);
        return {
          kept: keptOutletTables(project, filter, records, corpus),
          full: outletTables(tableCorpus(corpus), records, filter),
        };
      };
      const first = await tables();
      if (!('keep' in first.kept)) throw new Error('tables kept before any were computed for this filter');
      first.kept.keep(first.full);
      type Coded = NonNullable<Awaited<ReturnType<typeof project.readRecord>>>;
      const save = async (document: string, annotator: string, change: (r: Coded) => Partial<Coded>) => {
        const record = (await project.readRecord(annotator, document))!;
        await project.saveRecord({ ...record, ...change(record) });
      };
      const steps: (() => Promise<unknown>)[] = [
        // a span made longer, then another document's span too
        () =>
          save('doc03', 'alice', (r) => ({ spans: r.spans.map((x, i) => (i === 0 ? { ...x, end: x.end + 3 } : x)) })),
        () =>
          save('doc04', 'bob', (r) => ({ spans: r.spans.map((x, i) => (i === 2 ? { ...x, start: x.start + 1 } : x)) })),
        // a relabel
        () =>
          save('doc05', 'alice', (r) => ({
            spans: r.spans.map((x) => (x.label === 'Naming' ? { ...x, label: 'Cause' } : x)),
          })),
        // a delete: the span a relation points at goes, and the relation with it
        () =>
          save('doc06', 'bob', (r) => ({
            spans: r.spans.slice(1),
            relations: r.relations?.filter((x) => x.to !== r.spans[0]!.id && x.from !== r.spans[0]!.id),
          })),
        // the document's outlet changes: its spans count for the other outlet, and its words too
        async () =>
          project.setDocumentMeta('doc07', { ...(await project.getDocument('doc07')).meta, outlet: 'Al Jazeera' }),
      ];
      for (const step of steps) {
        await step();
        const { kept, full } = await tables();
        expect('report' in kept).toBe(true);
        if ('report' in kept) expect(JSON.stringify(kept.report)).toBe(JSON.stringify(full));
      }
      await project.setDocumentMeta('doc07', { ...(await project.getDocument('doc07')).meta, outlet: 'IRNA' });
    }
  });
});
