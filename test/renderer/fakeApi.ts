// An in-memory FrameLensApi for renderer tests: real behaviour for what the screens use, a spy on every
// method of the API table (those not implemented here throw, so a test that reaches one fails loudly).
import { type MockInstance, vi } from 'vitest';
import { buildQueue, type QueueRow } from '../../src/core/adjudicationQueue';
import { type AgreementInput, bootstrapIntervals } from '../../src/core/agreement';
import {
  type AgreementSelection,
  API_METHODS,
  type DeleteMemoInput,
  type FrameLensApi,
  type MetaEdit,
  type ModelInfo,
  type OutletReport,
  type PageRequest,
  type PhraseDocumentsRequest,
  type ProjectInfo,
  type ReportRequest,
  type ReportWork,
  type RowsRequest,
  type SaveAnnotationsInput,
  type SaveMemoInput,
  type TrainingJobStatus,
} from '../../src/core/api';
import { pageOfDocuments, storyCounts } from '../../src/core/documentQuery';
import { hasModelLayer, modelAgreement } from '../../src/core/learn/modelAgreement';
import { suggestionsFor } from '../../src/core/learn/suggest';
import type { AnnotationRecord, Codebook, DocumentOrder, DocumentRecord, Memo, Span } from '../../src/core/model';
import { retypeRelations } from '../../src/core/relations';
import {
  type AgreementResult,
  agreementOverview,
  dashboardFigures,
  disagreementRows,
  documentRows,
  outletOverview,
  type PhraseRowsRequest,
  pagedOutlets,
  phraseDocumentRows,
  phraseRowsPage,
  queueRows,
} from '../../src/core/reports';
import { searchMemos, searchText } from '../../src/core/search';
import { assignSpanIds } from '../../src/core/spanIds';

/** A codebook with groups, a description and both doc-label kinds. */
const FAKE_BOOTSTRAP = { draws: 40, seed: 1 } as const;

export const CODEBOOK: Codebook = {
  version: 3,
  spanLabels: [
    { name: 'Economic', color: '#e6194b', group: 'Frames', description: 'Costs, jobs, markets' },
    { name: 'Security', color: '#3cb44b', group: 'Frames' },
    { name: 'Human interest', color: '#4363d8', group: 'Frames' },
    { name: 'Source', color: '#f58231' },
  ],
  docLabels: [
    { name: 'stance', kind: 'single', options: ['pro', 'neutral', 'contra'] },
    { name: 'frames', kind: 'multiple', options: ['economic', 'security'] },
  ],
};

/** Texts that exercise astral characters, combining marks and right-to-left script. */
export const DOCS: DocumentRecord[] = [
  {
    id: 'doc-1',
    text: 'Prices rose 👍🏽 sharply in Köln.\nThe minister blamed e\u0301lites.',
    textHash: `sha256:${'a'.repeat(64)}`,
    meta: { title: 'Prices rise', outlet: 'Daily Planet', published: '2024-03-01' },
  },
  {
    id: 'doc-2',
    text: 'وزیر Ali Rezaei در سال ۱۴۰۲ گفت که قیمت‌ها بالا رفت.',
    textHash: `sha256:${'b'.repeat(64)}`,
    meta: { outlet: 'Hamshahri', publishedRaw: 'Esfand 1402' },
  },
];

/** A trained model as the fake serves it: the model's record of each document, and what the backend would say. */
export interface FakeModel {
  trainedAt: string;
  /** The model's (cross-fitted) spans per document; suggestions are drawn from them. */
  spans: Record<string, (Span & { id: string })[]>;
  openRounds?: string[];
  staleReasons?: string[];
  /** The uncertainty order of the documents. */
  order?: string[];
}

/** Tests tune the fake (failures, initial records) and inspect what was saved. */
export interface FakeApi extends FrameLensApi {
  agreementInput(selection?: AgreementSelection): Promise<AgreementInput>;
  records: Map<string, AnnotationRecord>;
  failSaves: string | null;
  info: ProjectInfo;
  model: FakeModel | null;
}

/** A fresh fake per test, so no state leaks between tests. */
export function createFakeApi(
  init: { records?: AnnotationRecord[]; problems?: ProjectInfo['problems']; memos?: Memo[]; model?: FakeModel } = {},
): FakeApi {
  // Spans get ids on read and save as the backend gives them.
  const withIds = (spans: AnnotationRecord['spans'], previous?: AnnotationRecord['spans']) =>
    assignSpanIds(spans, { previous });
  const records = new Map<string, AnnotationRecord>();
  const memos: Memo[] = [...(init.memos ?? [])];
  let memoClock = 0;
  for (const r of init.records ?? []) records.set(`${r.document}/${r.annotator}`, { ...r, spans: withIds(r.spans) });
  const info: ProjectInfo = {
    path: '/data/framing',
    settings: { name: 'Framing study', selectionUnit: 'word' },
    codebook: CODEBOOK,
    annotators: ['alice', 'bob'],
    documents: DOCS.length,
    problems: init.problems ?? [],
  };
  // Metadata edits live in the fake, never in the shared DOCS.
  const metas = new Map<string, DocumentRecord['meta']>(DOCS.map((d) => [d.id, d.meta]));
  const doc = (id: string) => {
    const d = DOCS.find((x) => x.id === id);
    if (!d) throw new Error(`no document ${id}`);
    return { ...d, meta: metas.get(id) ?? d.meta };
  };
  const rows = (annotator?: string) =>
    DOCS.map((d) => {
      const r = annotator ? records.get(`${d.id}/${annotator}`) : undefined;
      return {
        id: d.id,
        meta: metas.get(d.id) ?? d.meta,
        length: [...d.text].length,
        textHash: d.textHash,
        status: r?.status ?? 'todo',
        spans: r?.spans.length ?? 0,
        ...(r ? { labels: [...new Set(r.spans.map((s) => s.label))].sort() } : {}),
      };
    });
  // As the backend: the model's uncertainty order when the project asks for it and a model exists.
  const activeIds = () =>
    (info.settings.documentOrder ?? 'list') === 'uncertainty' && fake.model ? (fake.model.order ?? null) : null;
  const reports = new Map<string, { agreement?: AgreementResult; outlets?: OutletReport; queue?: QueueRow[] }>();
  let reportSeq = 0;
  const reportOf = (id: string) => {
    const r = reports.get(id);
    if (!r) throw new Error(`no report ${id}`);
    return r;
  };
  const implemented: Partial<FrameLensApi> = {
    session: vi.fn(async () => ({
      project: info,
      annotator: null,
      suggestedAnnotator: 'tester',
      dialogs: false,
      allowedRoots: [],
      projectsFolder: '/home/tester/Documents/Frame Lens',
      recent: ['/data/framing', '/data/other'],
    })),
    rememberAnnotator: vi.fn(async () => null),
    closeProject: vi.fn(async () => null),
    newProject: vi.fn(async (name: string) => ({
      ...info,
      path: `/home/tester/Documents/Frame Lens/${name}`,
      settings: { ...info.settings, name },
      annotators: [],
      documents: 0,
    })),
    getProject: vi.fn(async () => info),
    openProject: vi.fn(async (path: string) => ({ ...info, path })),
    createProject: vi.fn(async (path: string) => ({ ...info, path, annotators: [], documents: 0 })),
    recentProjects: vi.fn(async () => ['/data/framing', '/data/other']),
    listDocuments: vi.fn(async (annotator?: string) => rows(annotator)),
    documentPage: vi.fn(async (page: PageRequest, annotator?: string) =>
      pageOfDocuments(rows(annotator), page, activeIds()),
    ),
    getDocument: vi.fn(async (id: string) => doc(id)),
    setDocumentsMeta: vi.fn(async (edits: MetaEdit[]) => {
      for (const e of edits)
        if (e.base && JSON.stringify(e.base) !== JSON.stringify(metas.get(e.document)))
          throw new Error(`conflict: the metadata of ${e.document} changed since this edit began`);
      for (const e of edits) metas.set(e.document, e.meta);
      return edits.map((e) => doc(e.document));
    }),
    getAnnotations: vi.fn(async (id: string, annotator: string) => records.get(`${id}/${annotator}`) ?? null),
    listAnnotations: vi.fn(async (id: string) => [...records.values()].filter((r) => r.document === id)),
    saveAnnotations: vi.fn(async ({ baseUpdatedAt: _base, ...input }: SaveAnnotationsInput) => {
      if (fake.failSaves) throw new Error(fake.failSaves);
      const key = `${input.document}/${input.annotator}`;
      const spans = withIds(input.spans, records.get(key)?.spans);
      const record: AnnotationRecord = { ...input, spans, codebookVersion: CODEBOOK.version, updatedAt: 'now' };
      records.set(key, record);
      return { record };
    }),
    saveCodebook: vi.fn(async (c: Codebook) => {
      info.codebook = { ...c, version: info.codebook.version + 1 };
      return info.codebook;
    }),
  };
  // Not an API method: what the backend computes the reports from (tests compare the views with it).
  const agreementInput = vi.fn(
    async (selection?: AgreementSelection): Promise<AgreementInput> => ({
      documents: DOCS.map((d) => ({ id: d.id, length: [...d.text].length })),
      records: [
        ...records.values(),
        ...(fake.model ? DOCS.map((d) => ({ ...modelRecord(d.id), spans: fake.model?.spans[d.id] ?? [] })) : []),
      ],
      docLabelGroups: CODEBOOK.docLabels.map(({ name, kind, options }) => ({ name, kind, options })),
      codebookLabels: CODEBOOK.spanLabels.map((l) => l.name),
      excluded: [],
      ...(selection?.annotators?.length ? { annotators: selection.annotators } : {}),
      ...(selection?.labels?.length ? { labels: selection.labels } : {}),
    }),
  );
  const rest: Partial<FrameLensApi> = {
    renameLabel: vi.fn(async (from: string, to: string) => relabelAll(from, to)),
    deleteLabel: vi.fn(async (name: string) => relabelAll(name, null)),
    mergeLabels: vi.fn(async (from: string, into: string) => relabelAll(from, into, true)),
    labelUsage: vi.fn(async (label: string) => {
      const users = [...records.values()].filter((r) => r.spans.some((s) => s.label === label));
      const ids = new Set(users.flatMap((r) => r.spans.filter((s) => s.label === label).map((s) => s.id)));
      return {
        label,
        spans: users.reduce((n, r) => n + r.spans.filter((s) => s.label === label).length, 0),
        relations: users.reduce(
          (n, r) => n + (r.relations ?? []).filter((x) => ids.has(x.from) || ids.has(x.to)).length,
          0,
        ),
        documents: new Set(users.map((r) => r.document)).size,
        annotators: [...new Set(users.map((r) => r.annotator))].sort(),
      };
    }),
    renameRelationType: vi.fn(async (from: string, to: string) => retypeAll(from, to)),
    deleteRelationType: vi.fn(async (name: string) => retypeAll(name, null)),
    mergeRelationTypes: vi.fn(async (from: string, into: string) => retypeAll(from, into, true)),
    relationTypeUsage: vi.fn(async (type: string) => {
      const users = [...records.values()].filter((r) => (r.relations ?? []).some((x) => x.type === type));
      return {
        type,
        relations: users.reduce((n, r) => n + (r.relations ?? []).filter((x) => x.type === type).length, 0),
        documents: new Set(users.map((r) => r.document)).size,
        annotators: [...new Set(users.map((r) => r.annotator))].sort(),
      };
    }),
    searchCorpus: vi.fn(async (query: string, wholeWords?: boolean) =>
      DOCS.flatMap((d) => searchText(d.id, d.text, query, { wholeWords })),
    ),
    changes: vi.fn(async (cursor: number) => ({ cursor, changes: [], reset: false })),
    assignments: vi.fn(async () => null),
    suggestions: vi.fn(async () => []),
    storySuggestions: vi.fn(async () => []),
    storyCounts: vi.fn(async () => storyCounts(rows())),
    // Reports are computed at once, in place: a job is done when its start answers.
    startReport: vi.fn(async (request: ReportRequest) => {
      const id = (++reportSeq).toString(16).padStart(16, '0');
      if (request.kind === 'agreement') {
        const input = await fake.agreementInput(request.selection);
        reports.set(id, {
          agreement: {
            figures: dashboardFigures(input),
            // The dashboard's 1,000 draws took up to 1.5 s of CPU per report on a loaded machine, longer than a
            // test's wait for the figures; no test reads the drawn bounds, so a few draws do.
            intervals: bootstrapIntervals(input, FAKE_BOOTSTRAP),
            modelIntervals: hasModelLayer(input)
              ? (modelAgreement(input, { intervals: true, ...FAKE_BOOTSTRAP }).intervals ?? null)
              : null,
          },
        });
      } else if (request.kind === 'queue') {
        const titles = Object.fromEntries(DOCS.map((d) => [d.id, (metas.get(d.id) ?? d.meta).title]));
        reports.set(id, { queue: buildQueue(await fake.agreementInput(), titles) });
      } else reports.set(id, { outlets: await fake.outlets(request.options) });
      return {
        id,
        kind: request.kind,
        state: 'done',
        stage: 'done',
        done: 0,
        total: 0,
        ready: true,
        parts: request.kind === 'agreement' ? 3 : 1,
        thread: false,
        startedAt: 'now',
      } satisfies ReportWork;
    }),
    reportWork: vi.fn(async (id: string) => {
      throw new Error(`the fake's report ${id} is done already`);
    }),
    cancelReport: vi.fn(async (id: string) => {
      throw new Error(`the fake's report ${id} is done already`);
    }),
    agreementOverview: vi.fn(async (id: string) => agreementOverview(reportOf(id).agreement!)),
    agreementDocuments: vi.fn(async (id: string, rows: RowsRequest) => documentRows(reportOf(id).agreement!, rows)),
    agreementDisagreements: vi.fn(async (id: string, rows: RowsRequest) =>
      disagreementRows(reportOf(id).agreement!, rows),
    ),
    adjudicationQueue: vi.fn(async (id: string, rows: RowsRequest) => queueRows(reportOf(id).queue!, rows)),
    outletTables: vi.fn(async (id: string) => pagedOutlets(reportOf(id).outlets!)),
    outletOverview: vi.fn(async (id: string) => outletOverview(reportOf(id).outlets!)),
    outletPhraseRows: vi.fn(async (id: string, request: PhraseRowsRequest) =>
      phraseRowsPage(reportOf(id).outlets!, request),
    ),
    phraseDocuments: vi.fn(async (id: string, request: PhraseDocumentsRequest) =>
      phraseDocumentRows(reportOf(id).outlets!, request),
    ),
    listMemos: vi.fn(async (annotator?: string) => memos.filter((m) => !annotator || m.annotator === annotator)),
    saveMemo: vi.fn(async ({ memo, baseUpdatedAt }: SaveMemoInput) => {
      const at = memos.findIndex((m) => m.id === memo.id && m.annotator === memo.annotator);
      if (baseUpdatedAt !== undefined && (memos[at]?.updatedAt ?? null) !== baseUpdatedAt)
        throw new Error('conflict: the memo changed on disk since this edit began; nothing was overwritten');
      const stored = { ...memo, updatedAt: `2024-01-01T00:00:00.${String(++memoClock).padStart(3, '0')}Z` };
      if (at >= 0) memos[at] = stored;
      else memos.push(stored);
      return stored;
    }),
    deleteMemo: vi.fn(async ({ annotator, id, baseUpdatedAt }: DeleteMemoInput) => {
      const at = memos.findIndex((m) => m.id === id && m.annotator === annotator);
      if (at < 0) throw new Error(`refused: ${annotator} has no memo ${id}`);
      if (baseUpdatedAt !== undefined && (memos[at].updatedAt ?? null) !== baseUpdatedAt)
        throw new Error('conflict: the memo changed on disk since this edit began; nothing was deleted');
      memos.splice(at, 1);
    }),
    searchMemos: vi.fn(async (query: string) => searchMemos(memos, query)),
    modelStatus: vi.fn(async () => ({ model: fake.model ? modelInfo(fake.model) : null, training: job })),
    modelSuggestions: vi.fn(async (document: string, annotator: string) => {
      const m = fake.model;
      const base = { document, annotator, trainedAt: m?.trainedAt ?? null, spans: [], docLabels: {} };
      const openRounds = m?.openRounds ?? [];
      if (!m) return { ...base, openRounds, withheld: 'no-model' as const };
      const own = records.get(`${document}/${annotator}`) ?? null;
      if (own && (own.status === 'done' || own.status === 'skipped'))
        return { ...base, openRounds, withheld: 'finished' as const };
      const layer = { ...modelRecord(document), spans: m.spans[document] ?? [] };
      return { ...base, openRounds, ...suggestionsFor(layer, own, info.codebook) };
    }),
    documentOrder: vi.fn(async () => {
      const order = info.settings.documentOrder ?? 'list';
      const ids = DOCS.map((d) => d.id);
      if (order === 'list' || !fake.model) return { order, available: order === 'list', documents: ids };
      return { order, available: true, documents: fake.model.order ?? ids };
    }),
    setDocumentOrder: vi.fn(async (order: DocumentOrder) => {
      info.settings = { ...info.settings, documentOrder: order };
      return info.settings;
    }),
    startTraining: vi.fn(async () => {
      job = { id: 'job1', state: 'running', stage: 'learning span labels', done: 3, total: 10, startedAt: 'now' };
      looks = 0;
      return job.id;
    }),
    trainingJob: vi.fn(async () => {
      // the third look finds it done, with a model
      if (job?.state === 'running' && ++looks >= 3) {
        job = { ...job, state: 'done', stage: 'done', done: job.total };
        fake.model = fake.model ?? { trainedAt: '2026-05-01T10:00:00.000Z', spans: {} };
        fake.model = { ...fake.model, trainedAt: '2026-05-01T10:00:00.000Z' };
      }
      return job as TrainingJobStatus;
    }),
    cancelTraining: vi.fn(async () => {
      if (job) job = { ...job, state: 'cancelled', error: 'cancelled' };
      return job as TrainingJobStatus;
    }),
  };
  let job: TrainingJobStatus | null = null;
  let looks = 0;
  const modelRecord = (document: string): AnnotationRecord => ({
    document,
    annotator: 'model',
    textHash: doc(document).textHash,
    codebookVersion: info.codebook.version,
    status: 'done',
    spans: [],
    docLabels: {},
    updatedAt: fake.model?.trainedAt ?? '',
  });
  const modelInfo = (m: FakeModel): ModelInfo => ({
    trainedAt: m.trainedAt,
    folds: 5,
    seed: 1,
    codebookVersion: info.codebook.version,
    documents: DOCS.length,
    coded: 2,
    sources: { gold: 0, agreed: 2 },
    records: 4,
    excluded: [],
    staleness: {
      stale: (m.staleReasons ?? []).length > 0,
      changedRecords: 0,
      codebookChanged: false,
      newDocuments: 0,
      reasons: m.staleReasons ?? [],
    },
  });
  const fake = { records, failSaves: null, info, model: init.model ?? null } as FakeApi;
  for (const method of API_METHODS)
    Object.assign(fake, { [method]: implemented[method] ?? rest[method] ?? vi.fn(notInFake) });
  fake.agreementInput = agreementInput;
  /** Rename (to), merge (to, merge) or delete (null) a label in the codebook and every record. */
  const relabelAll = (from: string, to: string | null, merge = false): Codebook => {
    for (const [k, r] of records)
      records.set(k, {
        ...r,
        spans: r.spans.flatMap((s) => (s.label !== from ? [s] : to === null ? [] : [{ ...s, label: to }])),
      });
    const cb = info.codebook;
    info.codebook = {
      ...cb,
      version: cb.version + 1,
      spanLabels:
        to === null || merge
          ? cb.spanLabels.filter((l) => l.name !== from)
          : cb.spanLabels.map((l) => (l.name === from ? { ...l, name: to } : l)),
    };
    return info.codebook;
  };
  /** Rename (to), merge (to, merge) or delete (null) a relation type in the codebook and every record. */
  const retypeAll = (from: string, to: string | null, merge = false): Codebook => {
    for (const [k, r] of records)
      if (r.relations) records.set(k, { ...r, relations: retypeRelations(r.relations, from, to) });
    const cb = info.codebook;
    const types = cb.relationTypes ?? [];
    info.codebook = {
      ...cb,
      version: cb.version + 1,
      relationTypes:
        to === null || merge
          ? types.filter((t) => t.name !== from)
          : types.map((t) => (t.name === from ? { ...t, name: to } : t)),
    };
    return info.codebook;
  };
  return fake;
}

async function notInFake(): Promise<never> {
  throw new Error('not in the fake');
}

/**
 * Holds the mocked method's next answer back: it is what the method answered when asked, given only when the
 * returned list's functions are called — an older answer arriving after newer ones.
 */
// biome-ignore lint/suspicious/noExplicitAny: any API method's mock
export function holdNextAnswer<F extends (...args: any[]) => Promise<unknown>>(method: MockInstance<F>) {
  const answer = method.getMockImplementation();
  if (!answer) throw new Error('holdNextAnswer: the method has no answer to hold');
  const held: (() => void)[] = [];
  method.mockImplementationOnce(((...args: Parameters<F>) =>
    answer(...args).then((then) => new Promise((done) => held.push(() => done(then))))) as never);
  return held;
}
