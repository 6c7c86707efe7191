// A small reliability study built by hand: documents from two outlets, three coders who mostly agree, gold with
// adjudication decisions on a few documents, a codebook at version 2 with its changelog.
import type { AgreementInput } from '../../../src/core/agreement/corpus';
import { mulberry32, randomIndex } from '../../../src/core/agreement/prng';
import type { AnnotationRecord, Codebook } from '../../../src/core/model';
import type { ChangelogEntry } from '../../../src/core/study/changelog';
import { closeRound, createRound, type StudyRound } from '../../../src/core/study/round';
import { drawSample } from '../../../src/core/study/sample';

export const LABELS = ['Threat', 'Victim & "bystander"', '<script>alert(1)</script>'];
export const CODEBOOK: Codebook = {
  version: 2,
  spanLabels: LABELS.map((name, i) => ({ name, color: ['#e6194b', '#3cb44b', '#4363d8'][i] })),
  docLabels: [
    { name: 'Stance', kind: 'single', options: ['pro', 'con', 'neutral'] },
    { name: 'Frames', kind: 'multiple', options: ['Economic', 'Security_100%'] },
  ],
};
export const CHANGELOG: ChangelogEntry[] = [
  {
    fromVersion: 1,
    toVersion: 2,
    at: '2025-02-20T08:00:00Z',
    by: 'lead',
    why: 'coders mixed up victims and bystanders',
    changes: [{ kind: 'label-renamed', from: 'Victim', to: 'Victim & "bystander"' }],
  },
];

/** n documents of 200 code points, every coder codes every document; coder k errs now and then. */
export function studyData(n: number, coders = ['alice', 'bob', 'carol'], seed = 1) {
  const next = mulberry32(seed);
  const documents = Array.from({ length: n }, (_, i) => ({
    id: `doc-${String(i).padStart(3, '0')}`,
    length: 200,
    outlet: i % 3 === 0 ? 'Daily' : 'Weekly',
  }));
  const records: AnnotationRecord[] = [];
  for (const d of documents) {
    const truth = LABELS.map((label, li) => ({
      label,
      start: 10 + li * 60 + randomIndex(next, 10),
      len: 15 + randomIndex(next, 20),
    }));
    const stance = ['pro', 'con', 'neutral'][randomIndex(next, 3)];
    const frames = ['Economic', 'Security_100%'].filter(() => next() < 0.5);
    for (const coder of coders) {
      const spans = truth
        .filter(() => next() < 0.9)
        .map((t) => {
          const start = t.start + randomIndex(next, 5) - 2;
          return { start, end: start + t.len + randomIndex(next, 5) - 2, label: t.label };
        });
      records.push({
        document: d.id,
        annotator: coder,
        textHash: 'sha256:0',
        codebookVersion: 2,
        status: 'done',
        spans,
        docLabels: {
          Stance: next() < 0.8 ? stance : ['pro', 'con', 'neutral'][randomIndex(next, 3)],
          Frames: next() < 0.85 ? frames : ['Economic'],
        },
        updatedAt: '2025-03-01T00:00:00Z',
      });
    }
  }
  return { documents, records };
}

/** A closed main round over a stratified sample of the data, its agreement input, and gold on two documents. */
export function closedRound(n = 60, size = 30) {
  const data = studyData(n);
  const sample = drawSample({
    seed: 11,
    size,
    strata: 'outlet',
    documents: data.documents.map((d) => ({ id: d.id, stratum: d.outlet })),
  });
  const round: StudyRound = closeRound(
    createRound([], {
      name: 'Main 1',
      kind: 'main',
      coders: ['alice', 'bob', 'carol'],
      codebookVersion: 2,
      sample,
      at: '2025-03-01T09:00:00Z',
      by: 'lead',
    }),
    '2025-03-08T17:30:00Z',
    'lead',
  );
  const [g1, g2] = sample.documents;
  const gold: AnnotationRecord[] = [g1, g2].map((document) => ({
    document,
    annotator: 'gold',
    textHash: 'sha256:0',
    codebookVersion: 2,
    status: 'done',
    spans: [],
    docLabels: {},
    updatedAt: '2025-03-09T00:00:00Z',
    decisions: [
      {
        action: 'accept',
        span: { start: 10, end: 30, label: 'Threat' },
        sources: ['alice', 'bob'],
        by: 'lead',
        reason: 'unanimous',
        at: 'x',
      },
      {
        action: 'reject',
        span: { start: 70, end: 90, label: 'Threat' },
        sources: ['carol'],
        by: 'lead',
        reason: 'coder-error',
        at: 'x',
      },
    ],
    docLabelDecisions: [
      { group: 'Stance', value: 'pro', sources: ['alice'], by: 'lead', reason: 'guideline-gap', at: 'x' },
    ],
  }));
  const base: AgreementInput = {
    documents: data.documents.map((d) => ({ id: d.id, length: d.length })),
    records: data.records,
    docLabelGroups: CODEBOOK.docLabels.map((g) => ({ name: g.name, kind: g.kind, options: g.options })),
  };
  return { data, round, base, gold };
}
