// The shared fake API with a working study (rounds drawn, closed with figures, reported, training against
// gold) built from the same core functions the backend uses, for the Study view tests.
import { vi } from 'vitest';
import type { AgreementInput } from '../../../src/core/agreement';
import type { RoundRequest, RoundStatus, StudyStatus } from '../../../src/core/api';
import { GOLD } from '../../../src/core/model';
import { roundReportFiles } from '../../../src/core/study/appendix';
import type { ChangelogEntry } from '../../../src/core/study/changelog';
import { roundFigures } from '../../../src/core/study/figures';
import { closeRound, createRound, hasSubmitted, roundProgress } from '../../../src/core/study/round';
import { drawSample, sampleFrame } from '../../../src/core/study/sample';
import { sampleSizeAdvice } from '../../../src/core/study/sampleSize';
import type { StoredRound } from '../../../src/core/study/schema';
import { coderVersusGold, meetsRequirement } from '../../../src/core/study/training';
import { DOCS, type FakeApi } from '../fakeApi';

export interface FakeStudy {
  rounds: StoredRound[];
  changelog: ChangelogEntry[];
}

/** Gives the fake the study methods; returns the state tests can set up or inspect. */
export function withStudy(api: FakeApi): FakeStudy {
  const study: FakeStudy = { rounds: [], changelog: [] };
  const records = () => [...api.records.values()];
  const base = (): AgreementInput => ({
    documents: DOCS.map((d) => ({ id: d.id, length: [...d.text].length })),
    records: records(),
    docLabelGroups: api.info.codebook.docLabels.map(({ name, kind, options }) => ({ name, kind, options })),
    codebookLabels: api.info.codebook.spanLabels.map((l) => l.name),
  });
  const drawn = () => new Set(study.rounds.flatMap((r) => r.sample.documents));
  const find = (name: string) => {
    const r = study.rounds.find((x) => x.name === name);
    if (!r) throw new Error(`refused: no round named "${name}"`);
    return r;
  };
  const withProgress = (r: StoredRound): RoundStatus => ({ ...r, progress: roundProgress(r, records()) });
  const status = (): StudyStatus => ({
    rounds: study.rounds.map(withProgress),
    changelog: study.changelog,
    codebookVersion: api.info.codebook.version,
    documents: DOCS.length,
    undrawn: DOCS.filter((d) => !drawn().has(d.id)).length,
    admission: [],
  });
  Object.assign(api, {
    study: vi.fn(async () => status()),
    sampleSizeAdvice: vi.fn(async (req: { alphaMin?: number } = {}) => ({
      ...sampleSizeAdvice({ groups: api.info.codebook.docLabels, alphaMin: req.alphaMin }),
      alphaMin: req.alphaMin ?? 0.8,
      significance: 0.05,
      minimumForIntervals: 10,
      codedRecords: 0,
      documents: DOCS.length,
      undrawn: status().undrawn,
    })),
    createRound: vi.fn(async (req: RoundRequest) => {
      const strata = req.strata ?? 'none';
      const sample = drawSample({
        seed: req.seed,
        size: req.size,
        strata,
        documents: sampleFrame(DOCS, strata),
        exclude: req.includeEarlier ? [] : [...drawn()],
      });
      const round = createRound(study.rounds, {
        ...req,
        codebookVersion: api.info.codebook.version,
        sample,
        at: '2026-02-01T10:00:00.000Z',
      });
      const stored = { ...round, key: `${String(study.rounds.length + 1).padStart(2, '0')}-r` };
      study.rounds.push(stored);
      return withProgress(stored);
    }),
    closeRound: vi.fn(async (name: string, by: string) => {
      const r = find(name);
      const closed = closeRound(r, '2026-02-08T10:00:00.000Z', by);
      const summary = roundFigures(closed, base(), { draws: 100, seed: r.sample.seed }).summary;
      const stored = { ...closed, key: r.key, summary };
      study.rounds[study.rounds.indexOf(r)] = stored;
      return withProgress(stored);
    }),
    roundReport: vi.fn(async (name: string) => {
      const r = find(name);
      const { key: _key, summary: _summary, ...round } = r;
      const files = roundReportFiles({
        project: api.info.settings.name,
        round,
        figures: roundFigures(round, base(), { draws: 100, seed: r.sample.seed }),
        codebook: api.info.codebook,
        changelog: study.changelog,
        records: records(),
      });
      return { folder: `reports/${r.key}`, files: files.map((f) => f.path), zip: btoa('PK\u0003\u0004') };
    }),
    trainingResults: vi.fn(async (name: string, viewer?: string) => {
      const r = find(name);
      const progress = roundProgress(r, records());
      return r.coders
        .filter((c) => !viewer || !r.coders.includes(viewer) || c === viewer)
        .map((coder) => {
          const submitted = hasSubmitted(progress, coder);
          const input = { ...base(), records: records().filter((x) => x.annotator === coder || x.annotator === GOLD) };
          const scores = coderVersusGold(input, coder);
          const hidden = viewer === coder && !submitted;
          return {
            coder,
            submitted,
            progress: progress.find((p) => p.coder === coder)!,
            scores: hidden ? null : scores,
            requirement: r.requirement && submitted ? meetsRequirement(scores, r.requirement) : null,
          };
        });
    }),
  });
  return study;
}
