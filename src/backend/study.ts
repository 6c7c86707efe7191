// Reliability studies on a project folder: rounds drawn from its documents and blind while open, closed with
// their figures and their coding kept, reports written inside the project, codebook edits recorded with a reason.
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { AgreementInput } from '../core/agreement';
import { MIN_UNITS } from '../core/agreement/bootstrap';
import type { ExcludedRecord } from '../core/agreement/corpus';
import type {
  CodebookEdit,
  CoderAdmission,
  RoundReport,
  RoundRequest,
  RoundStatus,
  SampleSizeReport,
  SampleSizeRequest,
  StudyStatus,
  TrainingResult,
} from '../core/api';
import { type AnnotationRecord, type Codebook, GOLD } from '../core/model';
import { SCHEMA_VERSION } from '../core/schemas';
import { roundReportFiles } from '../core/study/appendix';
import { changelogEntry } from '../core/study/changelog';
import {
  blindDocuments,
  closeRound,
  createRound,
  hasSubmitted,
  roundProgress,
  type StudyRound,
  visibleRecords,
} from '../core/study/round';
import { drawSample, sampleFrame } from '../core/study/sample';
import { sampleSizeAdvice } from '../core/study/sampleSize';
import type { StoredRound, StudyFile } from '../core/study/schema';
import { coderVersusGold, meetsRequirement } from '../core/study/training';
import { excludedRecords } from './agreement';
import { computeRoundFigures, type Progress } from './figuresThread';
import { Project, ProjectError } from './project';

/** Bootstrap draws of a round's intervals; the seed is the round's. */
const DRAWS = 1000;

const COUNTED = new Set(['done', 'in_progress']);

function now(): string {
  return new Date().toISOString();
}

function refuse(message: string): never {
  throw new ProjectError(`refused: ${message}`);
}

/** The round as the core functions take it: without the key of its files and its summary. */
function plain(round: StoredRound): StudyRound {
  const { key: _key, summary: _summary, ...rest } = round;
  return rest;
}

/** A round's key: its place in the study and its name reduced to safe letters ("02-pilot-jan"). */
export function roundKey(existing: readonly StoredRound[], name: string): string {
  const slug =
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'round';
  const taken = new Set(existing.map((r) => r.key.toLowerCase()));
  const base = `${String(existing.length + 1).padStart(2, '0')}-${slug}`;
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

function findRound(study: StudyFile, name: string): StoredRound {
  const round = study.rounds.find((r) => r.name === name);
  if (!round)
    refuse(
      `no round named ${JSON.stringify(name)}${study.rounds.length ? ` (rounds: ${study.rounds.map((r) => r.name).join(', ')})` : ' (the project has no round yet)'}`,
    );
  return round;
}

/** The records of `who` on the round's documents, read file by file (valid ones only). */
async function currentRecords(
  project: Project,
  round: StudyRound,
  who: readonly string[],
): Promise<AnnotationRecord[]> {
  const out: AnnotationRecord[] = [];
  for (const annotator of who)
    for (const document of round.sample.documents) {
      if (!project.index.has(document)) continue;
      const r = await project.readRecord(annotator, document);
      if (r) out.push(r);
    }
  return out;
}

/** The coders' records of a round: as kept when it closed, or as they are while it is open. */
async function coderRecords(
  project: Project,
  round: StoredRound,
): Promise<{ records: AnnotationRecord[]; excluded: ExcludedRecord[] }> {
  if (round.state === 'closed') {
    const kept = await project.readRoundRecords(round.key);
    if (kept) return { records: kept.records, excluded: kept.excluded };
  }
  const records = await currentRecords(project, round, round.coders);
  const docs = new Set(round.sample.documents);
  const excluded = excludedRecords(project, records).filter(
    (e) => docs.has(e.document) && round.coders.includes(e.annotator),
  );
  return { records, excluded };
}

/** The codebook frozen for a round. */
async function frozenCodebook(project: Project, round: StudyRound): Promise<Codebook> {
  const codebook = await project.codebookAt(round.codebookVersion);
  if (!codebook)
    refuse(
      `codebook version ${round.codebookVersion}, frozen for round "${round.name}", is not kept in codebooks/ and is no longer the current one`,
    );
  return codebook;
}

function agreementBase(
  project: Project,
  codebook: Codebook,
  records: AnnotationRecord[],
  excluded: ExcludedRecord[],
): AgreementInput {
  return {
    documents: [...project.index.values()].map((e) => ({ id: e.id, length: e.length })),
    records,
    docLabelGroups: codebook.docLabels.map((g) => ({ name: g.name, kind: g.kind, options: g.options })),
    codebookLabels: codebook.spanLabels.map((l) => l.name),
    excluded,
  };
}

async function withProgress(project: Project, round: StoredRound): Promise<RoundStatus> {
  const { records } = await coderRecords(project, round);
  return { ...round, progress: roundProgress(round, records) };
}

/** Documents drawn by some round. */
function drawnDocuments(study: StudyFile): Set<string> {
  return new Set(study.rounds.flatMap((r) => r.sample.documents));
}

/** Each coder of a training round against gold (the coder's records as kept at close, gold as it is now). */
async function trainingOf(project: Project, round: StoredRound): Promise<TrainingResult[]> {
  const { records, excluded } = await coderRecords(project, round);
  const gold = await currentRecords(project, round, [GOLD]);
  const progress = roundProgress(round, records);
  const codebook = await frozenCodebook(project, round);
  const docs = new Set(round.sample.documents);
  const base = agreementBase(project, codebook, [...records, ...gold], excluded);
  const input = { ...base, documents: base.documents.filter((d) => docs.has(d.id)) };
  return round.coders.map((coder) => {
    const submitted = hasSubmitted(progress, coder);
    const scores = coderVersusGold(
      { ...input, records: input.records.filter((r) => r.annotator === coder || r.annotator === GOLD) },
      coder,
    );
    return {
      coder,
      submitted,
      progress: progress.find((p) => p.coder === coder)!,
      scores,
      requirement: round.requirement && submitted ? meetsRequirement(scores, round.requirement) : null,
    };
  });
}

/** Who may join the main coding: every coder who met the minimum of the last training round they took that sets one. */
async function admissions(project: Project, study: StudyFile, coders: readonly string[]): Promise<CoderAdmission[]> {
  const gates = study.rounds.filter((r) => r.kind === 'training' && r.requirement);
  if (gates.length === 0) return coders.map((coder) => ({ coder, passed: true, round: null, shortfalls: [] }));
  const results = new Map<string, TrainingResult[]>();
  const out: CoderAdmission[] = [];
  for (const coder of coders) {
    const gate = [...gates].reverse().find((r) => r.coders.includes(coder));
    if (!gate) {
      out.push({
        coder,
        passed: false,
        round: null,
        shortfalls: [],
        reason: `took no training round that sets a minimum (${gates.map((g) => `"${g.name}"`).join(', ')})`,
      });
      continue;
    }
    if (!results.has(gate.name)) results.set(gate.name, await trainingOf(project, gate));
    const r = results.get(gate.name)!.find((x) => x.coder === coder)!;
    if (!r.submitted) {
      out.push({
        coder,
        passed: false,
        round: gate.name,
        shortfalls: [],
        reason: `has not finished training round "${gate.name}" (${r.progress.done} of ${r.progress.assigned} documents done)`,
      });
      continue;
    }
    const check = r.requirement ?? { passed: true, shortfalls: [] };
    const first = check.shortfalls[0];
    out.push({
      coder,
      passed: check.passed,
      round: gate.name,
      shortfalls: check.shortfalls,
      ...(first
        ? {
            reason:
              first.value === null
                ? `cannot be compared with gold in training round "${gate.name}"${first.variable.startsWith('(') ? '' : ` on ${first.variable}`}: ${first.reason ?? 'no data'}`
                : `is below the minimum of training round "${gate.name}": ${first.measure} ${first.value.toFixed(3)} < ${first.minimum} on ${first.variable}${
                    check.shortfalls.length > 1 ? ` (and ${check.shortfalls.length - 1} more)` : ''
                  }`,
          }
        : {}),
    });
  }
  return out;
}

/** The study: rounds with progress, the changelog, and (when training sets minimums) who may join the main coding. */
export async function studyStatus(project: Project): Promise<StudyStatus> {
  const study = await project.readStudy();
  const rounds: RoundStatus[] = [];
  for (const r of study.rounds) rounds.push(await withProgress(project, r));
  const annotators = (await project.annotators()).filter((a) => a !== GOLD);
  const coders = [...new Set([...annotators, ...study.rounds.flatMap((r) => r.coders)])].sort();
  const gated = study.rounds.some((r) => r.kind === 'training' && r.requirement);
  const drawn = drawnDocuments(study);
  return {
    rounds,
    changelog: await project.readChangelog(),
    codebookVersion: project.codebook.version,
    documents: project.index.size,
    undrawn: [...project.index.keys()].filter((d) => !drawn.has(d)).length,
    admission: gated ? await admissions(project, study, coders) : [],
  };
}

/** Draws the sample and opens the round; the codebook version in force is frozen for it (and kept). */
export async function openRound(project: Project, req: RoundRequest): Promise<RoundStatus> {
  const study = await project.readStudy();
  for (const c of req.coders) {
    const problem = Project.annotatorProblem(c);
    if (problem) refuse(problem);
  }
  if (req.kind === 'main') {
    const barred = (await admissions(project, study, req.coders)).filter((a) => !a.passed);
    if (barred.length > 0) refuse(`${barred[0].coder} ${barred[0].reason} and cannot join a main round yet`);
  }
  const strata = req.strata ?? 'none';
  const earlier = req.includeEarlier ? new Set<string>() : drawnDocuments(study);
  let sample: ReturnType<typeof drawSample>;
  try {
    sample = drawSample({
      seed: req.seed,
      size: req.size,
      strata,
      documents: sampleFrame([...project.index.values()], strata),
      exclude: [...earlier].filter((d) => project.index.has(d)),
    });
  } catch (error) {
    const left = [...earlier].filter((d) => project.index.has(d)).length;
    refuse(
      `${(error as Error).message}${left > 0 ? ` (${left} documents drawn by earlier rounds are left out; draw them again with "include earlier")` : ''}`,
    );
  }
  await project.keepCodebookSnapshot(project.codebook);
  let stored: StoredRound | undefined;
  await project.updateStudy((current) => {
    try {
      const round = createRound(current.rounds, {
        name: req.name,
        kind: req.kind,
        coders: req.coders,
        codebookVersion: project.codebook.version,
        sample,
        at: now(),
        ...(req.by ? { by: req.by } : {}),
        ...(req.requirement ? { requirement: req.requirement } : {}),
        documentOrder: project.settings.documentOrder ?? 'list',
      });
      stored = { ...round, key: roundKey(current.rounds, round.name) };
    } catch (error) {
      if (error instanceof ProjectError) throw error;
      refuse((error as Error).message);
    }
    return { ...current, rounds: [...current.rounds, stored!] };
  });
  return withProgress(project, stored!);
}

/** Closes an open round: its figures on the coding as it is now, kept with that coding (rounds/<key>.json). */
export async function endRound(
  project: Project,
  name: string,
  by: string,
  onProgress?: Progress,
): Promise<RoundStatus> {
  const study = await project.readStudy();
  const round = findRound(study, name);
  if (round.state === 'closed') refuse(`round "${name}" is closed already`);
  const closed = closeRound(plain(round), now(), by, project.settings.documentOrder ?? 'list');
  const records = await currentRecords(project, round, round.coders);
  const docs = new Set(round.sample.documents);
  const excluded = excludedRecords(project, records).filter(
    (e) => docs.has(e.document) && round.coders.includes(e.annotator),
  );
  const codebook = await frozenCodebook(project, round);
  const figures = await computeRoundFigures(
    {
      round: closed,
      base: agreementBase(project, codebook, records, excluded),
      options: { draws: DRAWS, seed: round.sample.seed },
    },
    onProgress,
  );
  await project.writeRoundRecords(round.key, {
    schema: SCHEMA_VERSION,
    round: round.name,
    closedAt: closed.closedAt!,
    records,
    excluded,
  });
  let stored: StoredRound | undefined;
  await project.updateStudy((current) => {
    const i = current.rounds.findIndex((r) => r.name === name);
    if (i < 0 || current.rounds[i].state === 'closed') refuse(`round "${name}" was closed meanwhile`);
    stored = { ...closed, key: round.key, summary: figures.summary };
    return { ...current, rounds: current.rounds.map((r, j) => (j === i ? stored! : r)) };
  });
  return { ...stored!, progress: roundProgress(closed, records) };
}

/** Krippendorff's minimum sample for the codebook's document labels, from the values coded so far when any. */
export async function sizeAdvice(project: Project, req: SampleSizeRequest = {}): Promise<SampleSizeReport> {
  const alphaMin = req.alphaMin ?? 0.8;
  const significance = req.significance ?? 0.05;
  const groups = project.codebook.docLabels;
  const pilot: Record<string, Record<string, number>> = {};
  const count = (variable: string, value: string) => {
    pilot[variable] ??= {};
    pilot[variable][value] = (pilot[variable][value] ?? 0) + 1;
  };
  let codedRecords = 0;
  for (const annotator of await project.annotators()) {
    if (annotator === GOLD) continue;
    for (const r of await project.records(annotator)) {
      if (!COUNTED.has(r.status)) continue;
      codedRecords++;
      for (const g of groups) {
        const v = r.docLabels[g.name];
        if (g.kind === 'single' && typeof v === 'string') count(g.name, v);
        if (g.kind === 'multiple' && Array.isArray(v))
          for (const o of g.options) count(`${g.name}: ${o}`, v.includes(o) ? 'chosen' : 'not chosen');
      }
    }
  }
  let advice: ReturnType<typeof sampleSizeAdvice>;
  try {
    advice = sampleSizeAdvice({ groups, pilot, alphaMin, significance });
  } catch (error) {
    refuse((error as Error).message);
  }
  const drawn = drawnDocuments(await project.readStudy());
  return {
    alphaMin,
    significance,
    ...advice,
    minimumForIntervals: MIN_UNITS,
    codedRecords,
    documents: project.index.size,
    undrawn: [...project.index.keys()].filter((d) => !drawn.has(d)).length,
  };
}

/** A closed round's report files: figures from the coding kept at close, settlements from gold as it is now. */
export async function reportFiles(
  project: Project,
  name: string,
  onProgress?: Progress,
): Promise<{ round: StoredRound; files: { path: string; content: string }[] }> {
  const study = await project.readStudy();
  const round = findRound(study, name);
  if (round.state !== 'closed')
    refuse(`round "${name}" is open: close it first (its figures are computed when it closes)`);
  const kept = await project.readRoundRecords(round.key);
  if (!kept) refuse(`rounds/${round.key}.json, the coding of round "${name}" kept when it closed, is missing`);
  const codebook = await frozenCodebook(project, round);
  const figures = await computeRoundFigures(
    {
      round: plain(round),
      base: agreementBase(project, codebook, kept.records, kept.excluded),
      options: { draws: DRAWS, seed: round.sample.seed },
    },
    onProgress,
  );
  const gold = await currentRecords(project, round, [GOLD]);
  const at = study.rounds.indexOf(round);
  const earlier = study.rounds.slice(0, at).flatMap((r) => (r.summary ? [r.summary] : []));
  const files = roundReportFiles({
    project: project.settings.name,
    round: plain(round),
    figures,
    codebook,
    changelog: await project.readChangelog(),
    earlier,
    records: [...kept.records, ...gold],
  });
  return { round, files };
}

/** Writes a closed round's report into reports/<key>/ and returns it as a zip as well. */
export async function writeRoundReport(project: Project, name: string, onProgress?: Progress): Promise<RoundReport> {
  const { round, files } = await reportFiles(project, name, onProgress);
  const folder = await project.writeReport(round.key, files);
  return { folder, files: files.map((f) => f.path), zip: Buffer.from(reportZip(round, files)).toString('base64') };
}

/** The report as a zip: one folder named after the round's key, entries dated the day the round closed. */
export function reportZip(round: StoredRound, files: readonly { path: string; content: string }[]): Uint8Array {
  const d = new Date(round.closedAt ?? round.openedAt);
  // zip stores local time: a date built from local parts reads back the same everywhere
  const mtime = new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12);
  const entries: Zippable = {};
  for (const f of files) entries[`${round.key}/${f.path}`] = [strToU8(f.content), { mtime }];
  return zipSync(entries, { level: 6 });
}

/** A training round's coders against gold; a viewer who codes it sees only their own figures, once submitted. */
export async function trainingResults(project: Project, name: string, viewer?: string): Promise<TrainingResult[]> {
  const study = await project.readStudy();
  const round = findRound(study, name);
  if (round.kind !== 'training') refuse(`round "${name}" is a main round: only training rounds are compared with gold`);
  const results = await trainingOf(project, round);
  if (!viewer || !round.coders.includes(viewer)) return results;
  return results
    .filter((r) => r.coder === viewer)
    .map((r) => (r.submitted ? r : { ...r, scores: null, requirement: null }));
}

/**
 * Runs a codebook change and records it: refused while a round is open unless the edit says to end it or start
 * a new one, and without a reason once the project has rounds. The versions before and after are kept in
 * codebooks/, the entry appended to the changelog.
 */
export async function editCodebook(
  project: Project,
  expectedVersion: number,
  edit: CodebookEdit | undefined,
  change: () => Promise<Codebook>,
  check: () => void = () => {},
): Promise<Codebook> {
  const study = await project.readStudy();
  const open = study.rounds.filter((r) => r.state === 'open');
  project.checkCodebookVersion(expectedVersion);
  check();
  if (open.length > 0 && !edit?.rounds) {
    const names = open.map((r) => `"${r.name}"`).join(', ');
    refuse(
      `${open.length === 1 ? 'round' : 'rounds'} ${names} ${open.length === 1 ? 'is' : 'are'} open with codebook version ${project.codebook.version} frozen: end ${open.length === 1 ? 'it' : 'them'} first, or start a new round under the edited codebook`,
    );
  }
  if (study.rounds.length > 0 && !edit) refuse('say why the codebook changes: the reliability report records it');
  const before = project.codebook;
  if (edit) {
    if (edit.why.trim() === '') refuse('say why the codebook changes: the reliability report records it');
    // a changelog that cannot be appended to stops the edit before anything changes
    await project.readChangelog();
    await project.keepCodebookSnapshot(before);
  }
  for (const r of open) await endRound(project, r.name, edit!.by);
  const after = await change();
  if (!edit || after.version === before.version) return after;
  await project.keepCodebookSnapshot(after);
  await project.appendChangelog(
    changelogEntry(before, after, { at: now(), by: edit.by, why: edit.why, renames: edit.renames }),
  );
  if (edit.rounds === 'restart')
    for (const r of open)
      await project.updateStudy((current) => {
        const names = new Set(current.rounds.map((x) => x.name));
        let name = `${r.name}, codebook v${after.version}`;
        for (let i = 2; names.has(name); i++) name = `${r.name}, codebook v${after.version} (${i})`;
        const round = createRound(current.rounds, {
          name,
          kind: r.kind,
          coders: r.coders,
          codebookVersion: after.version,
          sample: r.sample,
          at: now(),
          by: edit.by,
          ...(r.requirement ? { requirement: r.requirement } : {}),
        });
        return { ...current, rounds: [...current.rounds, { ...round, key: roundKey(current.rounds, name) }] };
      });
  return after;
}

/**
 * The records `viewer` may see (everything without a viewer): others' records on the documents the viewer codes
 * blind in an open round are left out. When study.json cannot be read, only the viewer's own are returned.
 */
export async function visibleTo<T extends Pick<AnnotationRecord, 'document' | 'annotator'>>(
  project: Project,
  viewer: string | undefined,
  records: readonly T[],
): Promise<T[]> {
  if (!viewer) return [...records];
  const rounds = await openRoundsOrNull(project);
  if (!rounds) return records.filter((r) => r.annotator === viewer);
  return visibleRecords(rounds, viewer, records);
}

/** Whether `viewer` codes `document` blind (every document, when study.json cannot be read). */
export async function blindTest(project: Project, viewer: string): Promise<(document: string) => boolean> {
  const rounds = await openRoundsOrNull(project);
  if (!rounds) return () => true;
  const blind = blindDocuments(rounds, viewer);
  return (document) => blind.has(document);
}

async function openRoundsOrNull(project: Project): Promise<StudyRound[] | null> {
  try {
    return (await project.readStudy()).rounds.filter((r) => r.state === 'open');
  } catch {
    return null;
  }
}
