// The shared fake API with a working gold layer (adjudicate, accept unanimous, reasons) for the Adjudicate tests.
import { vi } from 'vitest';
import {
  applyDecisions,
  applyRelationDecision,
  isDecided,
  reasonCounts,
  unanimousSpans,
} from '../../../src/core/adjudication';
import type { DecisionInput, RelationDecisionInput } from '../../../src/core/api';
import { type AnnotationRecord, GOLD } from '../../../src/core/model';
import { createFakeApi, DOCS, type FakeApi } from '../fakeApi';

/** A record of the fake's documents in one line. */
export function rec(
  document: string,
  annotator: string,
  spans: [number, number, string][],
  docLabels: AnnotationRecord['docLabels'] = {},
): AnnotationRecord {
  const doc = DOCS.find((d) => d.id === document)!;
  return {
    document,
    annotator,
    textHash: doc.textHash,
    codebookVersion: 3,
    status: 'done',
    spans: spans.map(([start, end, label]) => ({ start, end, label })),
    docLabels,
    updatedAt: 'then',
  };
}

// doc-1: "Prices" agreed; "sharply" Economic vs Security; "in Köln" only bob; "The minister…" boundaries differ.
// doc-2: "وزیر" agreed by both.
/** Two annotators who differ in every way on doc-1 and agree on doc-2. */
export const RECORDS: AnnotationRecord[] = [
  rec(
    'doc-1',
    'alice',
    [
      [0, 6, 'Economic'],
      [15, 22, 'Economic'],
      [32, 44, 'Human interest'],
    ],
    { stance: 'pro', frames: ['economic'] },
  ),
  rec(
    'doc-1',
    'bob',
    [
      [0, 6, 'Economic'],
      [15, 22, 'Security'],
      [23, 30, 'Source'],
      [36, 51, 'Human interest'],
    ],
    { stance: 'contra', frames: ['economic', 'security'] },
  ),
  rec('doc-2', 'alice', [[0, 4, 'Source']]),
  rec('doc-2', 'bob', [[0, 4, 'Source']]),
];

/** The fake with gold written as the backend writes it (applyDecisions, stamped decisions). */
export function createTeamApi(records: AnnotationRecord[] = RECORDS): FakeApi {
  const api = createFakeApi({ records: structuredClone(records) });
  const goldOf = (doc: string) => api.records.get(`${doc}/${GOLD}`) ?? null;
  const decide = (doc: string, decisions: DecisionInput[]): AnnotationRecord => {
    const current = goldOf(doc);
    const applied = applyDecisions(
      current ?? { spans: [] },
      decisions.map((d) => ({ ...d, at: '2025-01-01T00:00:00Z' })),
    );
    const next: AnnotationRecord = {
      document: doc,
      annotator: GOLD,
      textHash: DOCS.find((d) => d.id === doc)!.textHash,
      codebookVersion: 3,
      status: 'in_progress',
      spans: applied.spans,
      docLabels: {},
      decisions: [...(current?.decisions ?? []), ...applied.decisions],
      ...(current?.relations ? { relations: current.relations } : {}),
      ...(current?.relationDecisions ? { relationDecisions: current.relationDecisions } : {}),
      updatedAt: 'now',
    };
    api.records.set(`${doc}/${GOLD}`, next);
    return next;
  };
  api.adjudicateRelation = vi.fn(async (doc: string, decision: RelationDecisionInput) => {
    const current = goldOf(doc);
    if (!current) throw new Error('refused: a relation goes to gold only when both its spans are in gold');
    const applied = applyRelationDecision(current, { ...decision, at: '2025-01-01T00:00:00Z' });
    const next: AnnotationRecord = {
      ...current,
      relations: applied.relations,
      relationDecisions: [...(current.relationDecisions ?? []), applied.decision],
    };
    api.records.set(`${doc}/${GOLD}`, next);
    return next;
  });
  api.adjudicate = vi.fn(async (doc: string, decisions: DecisionInput[]) => decide(doc, decisions));
  api.acceptUnanimous = vi.fn(async ({ min, by }: { min?: number; by: string }) => {
    const report = {
      documents: 0,
      accepted: 0,
      acceptedDocLabels: 0,
      alreadyDecided: 0,
      singleAnnotatorDocuments: [] as string[],
    };
    for (const d of DOCS) {
      const recs = [...api.records.values()].filter((r) => r.document === d.id && r.annotator !== GOLD);
      const fresh = unanimousSpans(recs, min).filter((u) => !isDecided(goldOf(d.id), u.span));
      if (!fresh.length) continue;
      decide(
        d.id,
        fresh.map((u) => ({ action: 'accept', span: u.span, sources: u.sources, by, reason: 'unanimous' })),
      );
      report.documents++;
      report.accepted += fresh.length;
    }
    return report;
  });
  api.goldReasons = vi.fn(async () => reasonCounts([...api.records.values()].filter((r) => r.annotator === GOLD)));
  return api;
}
