// The model put to work on a project folder: what training reads, storing what it produced, and what the
// views draw from the stored layer (status, suggestions, document order, the model's agreement figures).
import type { AgreementInput } from '../core/agreement';
import type { DocumentOrderInfo, ModelInfo, ModelSuggestions, ProjectModelAgreement } from '../core/api';
import {
  type Evaluation,
  evaluatePredictions,
  hasModelLayer,
  type LearnInput,
  layerFromCrossFit,
  layerStaleness,
  type ModelAgreementOptions,
  type ModelLayer,
  modelAgreement,
  modelFromJson,
  orderByUncertainty,
  predictDocument,
  suggestionsFor,
} from '../core/learn';
import { type AnnotationRecord, GOLD, isModelName, MODEL } from '../core/model';
import { modelDigest, type Project, ProjectError } from './project';
import type { TrainResult } from './trainProtocol';

/** Every document with its text, and every annotator's records (gold included): what training reads. */
export async function learnInput(project: Project): Promise<LearnInput & { records: AnnotationRecord[] }> {
  const annotators = await project.annotators();
  const taken = annotators.filter(isModelName);
  if (taken.length > 0)
    throw new ProjectError(
      `refused: annotations/${taken[0]} is a person's folder, but "${MODEL}" is the model's layer; rename that annotator first`,
    );
  const ids = [...project.index.keys()];
  const documents: LearnInput['documents'][number][] = [];
  for (let i = 0; i < ids.length; i += 64)
    for (const d of await Promise.all(ids.slice(i, i + 64).map((id) => project.getDocument(id))))
      documents.push({ id: d.id, text: d.text, textHash: d.textHash });
  const records: AnnotationRecord[] = [];
  for (const a of annotators) records.push(...(await project.records(a)));
  return { documents, records, codebook: project.codebook };
}

/** Writes what a training run produced: the model file, then its layer. */
export async function storeTraining(
  project: Project,
  input: { records: readonly AnnotationRecord[]; codebook: { version: number } },
  result: TrainResult,
  trainedAt: string,
): Promise<ModelLayer> {
  const layer = layerFromCrossFit(
    result,
    { records: input.records, codebookVersion: input.codebook.version, modelDigest: modelDigest(result.model) },
    trainedAt,
  );
  await project.saveModel(result.model, layer);
  return layer;
}

/** The stored layer, or a clear refusal. */
async function requireLayer(project: Project): Promise<ModelLayer> {
  const layer = await project.readModelLayer();
  if (layer) return layer;
  const problem = project.problems.get(project.layout.relative(project.layout.layerFile));
  throw new ProjectError(
    problem
      ? `${problem.path}: ${problem.reason}; train again`
      : 'no model: train it first (framelens model train DIR)',
  );
}

/** The model's records of documents still in the project with the same text; the others, as excluded. */
export function currentRecords(project: Project, layer: ModelLayer) {
  const records: AnnotationRecord[] = [];
  const excluded: { document: string; annotator: string; reason: string }[] = [];
  for (const r of layer.records) {
    const entry = project.index.get(r.document);
    if (!entry) continue;
    if (entry.textHash !== r.textHash)
      excluded.push({
        document: r.document,
        annotator: MODEL,
        reason: 'the model predicted another text; train again',
      });
    else records.push(r);
  }
  return { records, excluded };
}

async function allRecords(project: Project): Promise<AnnotationRecord[]> {
  const out: AnnotationRecord[] = [];
  for (const a of await project.annotators()) out.push(...(await project.records(a)));
  return out;
}

/** What the app shows of the model, or null when none is trained. */
export async function modelInfo(project: Project, records?: readonly AnnotationRecord[]): Promise<ModelInfo | null> {
  const layer = await project.readModelLayer();
  if (!layer) return null;
  const staleness = layerStaleness(layer, {
    records: records ?? (await allRecords(project)),
    codebookVersion: project.codebook.version,
    documents: [...project.index.keys()],
  });
  return {
    trainedAt: layer.trainedAt,
    folds: layer.folds,
    seed: layer.seed,
    codebookVersion: layer.codebookVersion,
    documents: layer.records.length,
    coded: layer.uncertainty.filter((u) => u.coded).length,
    sources: { ...layer.sources },
    records: layer.trainedOn.length,
    excluded: layer.excluded,
    staleness,
  };
}

/** The open reliability rounds a coder codes in (study.json; none when the project has no study). */
export async function openRoundsOf(project: Project, annotator: string): Promise<string[]> {
  try {
    const study = await project.readStudy();
    return study.rounds.filter((r) => r.state === 'open' && r.coders.includes(annotator)).map((r) => r.name);
  } catch {
    // an unreadable study.json is reported by readStudy; suggestions stay off rather than guess
    return ['(study.json unreadable)'];
  }
}

/** The model's suggestions to one coder on one document. */
export async function modelSuggestions(
  project: Project,
  document: string,
  annotator: string,
): Promise<ModelSuggestions> {
  const entry = project.entry(document);
  const openRounds = await openRoundsOf(project, annotator);
  const layer = await project.readModelLayer();
  const base = { document, annotator, trainedAt: layer?.trainedAt ?? null, spans: [], docLabels: {}, openRounds };
  if (!layer) return { ...base, withheld: 'no-model' };
  const own = await project.readRecord(annotator, document);
  if (own && (own.status === 'done' || own.status === 'skipped')) return { ...base, withheld: 'finished' };
  const predicted = layer.records.find((r) => r.document === document && r.textHash === entry.textHash);
  if (!predicted) return { ...base, withheld: 'not-predicted' };
  return { ...base, ...suggestionsFor(predicted, own, project.codebook) };
}

/** The documents in the order the project's setting names. */
export async function documentOrder(project: Project): Promise<DocumentOrderInfo> {
  const order = project.settings.documentOrder ?? 'list';
  const ids = [...project.index.keys()];
  if (order === 'list') return { order, available: true, documents: ids };
  const layer = await project.readModelLayer();
  if (!layer) return { order, available: false, documents: ids };
  return { order, available: true, documents: orderByUncertainty(layer.uncertainty, ids) };
}

/** The agreement input with the model's layer among its records (it is left out of the default selection). */
export async function withModelLayer(project: Project, input: AgreementInput): Promise<AgreementInput> {
  const layer = await project.readModelLayer();
  if (!layer) return input;
  const { records, excluded } = currentRecords(project, layer);
  const before = Array.isArray(input.excluded) ? input.excluded : [];
  return { ...input, records: [...input.records, ...records], excluded: [...before, ...excluded] };
}

/** The `model` section of a project's agreement report; null without a model layer. */
export async function projectModelAgreement(
  project: Project,
  input: AgreementInput,
  options: ModelAgreementOptions = {},
): Promise<ProjectModelAgreement | null> {
  if (!hasModelLayer(input)) return null;
  const info = await modelInfo(project, input.records);
  if (!info) return null;
  return {
    ...modelAgreement(input, options),
    trained_at: info.trainedAt,
    stale: info.staleness.stale,
    stale_reasons: info.staleness.reasons,
  };
}

/** One line of `framelens model predict`: the full model's prediction of a document. */
export interface PredictionLine {
  id: string;
  annotator: typeof MODEL;
  status: 'done';
  spans: { start: number; end: number; label: string }[];
  doc_labels: Record<string, string | string[]>;
  /** Probabilities of each document-label value (single choice) or of each option being chosen. */
  probabilities: Record<string, Record<string, number>>;
  /** Whether the model learned from this document's coding (its prediction is then not a test of it). */
  seen_in_training: boolean;
}

/** The stored model (trained on every coded document) applied to every document of the project. */
export async function predictProject(project: Project): Promise<PredictionLine[]> {
  const model = modelFromJson(await project.readModelFile());
  const seen = new Set(model.documents);
  const out: PredictionLine[] = [];
  for (const id of project.index.keys()) {
    const d = await project.getDocument(id);
    const p = predictDocument(model, d.text);
    out.push({
      id,
      annotator: MODEL,
      status: 'done',
      spans: p.spans.map((s) => ({ start: s.start, end: s.end, label: s.label })),
      doc_labels: p.docLabels,
      probabilities: p.probabilities,
      seen_in_training: seen.has(id),
    });
  }
  return out;
}

/** `framelens model evaluate --json`: the cross-fitted layer scored against gold and each coder, with intervals. */
export async function evaluateProject(
  project: Project,
  options: { draws?: number; seed?: number } = {},
): Promise<{ model: ModelInfo; against: Record<string, Evaluation> }> {
  const layer = await requireLayer(project);
  const all = await allRecords(project);
  const info = (await modelInfo(project, all)) as ModelInfo;
  const { records } = currentRecords(project, layer);
  const against: Record<string, Evaluation> = {};
  const layers = [...new Set(all.map((r) => r.annotator))].sort((a, b) =>
    a === GOLD ? -1 : b === GOLD ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const a of layers)
    against[a] = evaluatePredictions(
      records,
      all.filter((r) => r.annotator === a),
      { groups: project.codebook.docLabels, draws: options.draws, seed: options.seed },
    );
  return { model: info, against };
}
