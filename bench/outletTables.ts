// The outlet tables and story suggestions of a generated project (10,000 documents × 3 coders × ~30 spans, as
// the growth table's; FRAMELENS_BENCH_OUTLET_DOCS picks another size), side by side in one run: from the texts
// (every document read and every span's text cut out again, as before the phrase cache), from the phrase cache
// as it is built (a first open), from the persisted cache (a later open), the kept tables (the view opened
// again), and the kept tables after one span edit (brought up to date for that document; after_edit_same: equal
// to a count over everything). Wall and CPU time of each, and the machine's load.
// Run: node bin/run-ts.js bench/run.ts outletTables
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadDocuments,
  outletCorpus,
  projectOutlets,
  projectStorySuggestions,
  selectedRecords,
} from '../src/backend/outlets';
import { Project } from '../src/backend/project';
import { outletTables } from '../src/backend/reportCompute';
import { tableCorpus } from '../src/core/outlets';
import { suggestStories } from '../src/core/stories';
import { generate } from './scale';

const round = (x: number) => Math.round(x);

async function time<T>(task: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await task();
  const c = process.cpuUsage(c0);
  return { ms: round(performance.now() - t0), cpuMs: round((c.user + c.system) / 1000), value };
}

export async function run(): Promise<object> {
  const documents = Number(process.env.FRAMELENS_BENCH_OUTLET_DOCS ?? 10_000);
  const dir = await mkdtemp(join(tmpdir(), 'framelens-bench-outlets-'));
  try {
    const root = join(dir, 'p');
    await generate(root, documents);
    const load = [round(loadavg()[0]! * 100) / 100];
    const project = await Project.open(root);
    // the annotation files parsed once before any of the runs, so each measures only what differs between them
    const records = await selectedRecords(project, {});
    const fromTexts = await time(async () => outletTables(await loadDocuments(project), records, {}));
    const storiesFromTexts = await time(async () => suggestStories(await loadDocuments(project)));
    const firstOpen = await time(() => projectOutlets(project, {}));
    await project.flushCaches();
    const reopened = await Project.open(root);
    await selectedRecords(reopened, {});
    const laterOpen = await time(() => projectOutlets(reopened, {}));
    const kept = await time(() => projectOutlets(reopened, {}));
    const storiesCached = await time(() => projectStorySuggestions(reopened));
    // One span made longer, as the reader saves it: the kept tables are brought up to date for that document.
    const edited = (await reopened.records('alice'))[Math.floor(documents / 2)]!;
    await reopened.saveRecord({ ...edited, spans: edited.spans.map((s, i) => (i ? s : { ...s, end: s.end + 1 })) });
    const afterEdit = await time(() => projectOutlets(reopened, {}));
    const recordsNow = await selectedRecords(reopened, {});
    const recounted = outletTables(tableCorpus(await outletCorpus(reopened, recordsNow)), recordsNow, {});
    load.push(round(loadavg()[0]! * 100) / 100);
    const same = JSON.stringify(laterOpen.value) === JSON.stringify(fromTexts.value);
    return {
      name: 'outletTables',
      documents,
      load_avg_1m: load,
      cpus: cpus().length,
      phrase_rows: Object.values(fromTexts.value.labels).reduce(
        (n, byOutlet) => n + Object.values(byOutlet).reduce((m, rows) => m + rows.length, 0),
        0,
      ),
      from_texts_ms: fromTexts.ms,
      from_texts_cpu_ms: fromTexts.cpuMs,
      cache_building_ms: firstOpen.ms,
      cache_building_cpu_ms: firstOpen.cpuMs,
      from_cache_ms: laterOpen.ms,
      from_cache_cpu_ms: laterOpen.cpuMs,
      documents_read_from_cache: reopened.phraseCache.reads,
      kept_tables_ms: kept.ms,
      after_edit_ms: afterEdit.ms,
      after_edit_cpu_ms: afterEdit.cpuMs,
      after_edit_same: JSON.stringify(afterEdit.value) === JSON.stringify(recounted),
      stories_from_texts_ms: storiesFromTexts.ms,
      stories_from_cache_ms: storiesCached.ms,
      stories_same: JSON.stringify(storiesCached.value) === JSON.stringify(storiesFromTexts.value),
      tables_same: same,
      targets_met: {
        under_2s_from_cache: laterOpen.ms < 2000,
        under_2s_kept: kept.ms < 2000,
        under_2s_after_edit: afterEdit.ms < 2000,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  console.log(JSON.stringify(await run()));
