// Models that learn the project's codebook from its coding, and the model as one more coder: the public
// entry points (pure: no DOM, no Node; they run in a Web Worker or in worker_threads).
export { Cancelled, type Progress, type RunControl } from './control';
export {
  type CrossFitOptions,
  type CrossFitResult,
  committeeDisagreement,
  crossFit,
  type DocumentUncertainty,
  foldPlan,
  uncertaintyOrder,
} from './crossfit';
export {
  type DocLabelEvaluation,
  type Evaluation,
  type EvaluationOptions,
  evaluatePredictions,
  type ScoreInterval,
} from './evaluate';
export {
  LAYER_FORMAT,
  LAYER_VERSION,
  type LayerSource,
  type LayerStaleness,
  layerFromCrossFit,
  layerStaleness,
  type ModelLayer,
  modelLayerSchema,
  type TrainingRecordKey,
  trainingRecordKeys,
} from './layer';
export {
  type ComparedMeasure,
  type ComparisonRow,
  formatModelAgreement,
  hasModelLayer,
  type ModelAgreement,
  type ModelAgreementOptions,
  type ModelPairFigures,
  modelAgreement,
  type PairFigures,
  type PairIntervals,
} from './modelAgreement';
export { MODEL_FORMAT, MODEL_VERSION, type ModelFile, modelFileSchema, modelFromJson, modelToJson } from './modelFile';
export {
  documentOrderSentence,
  orderByUncertainty,
  type SuggestionSet,
  type SuggestionShare,
  suggestionShare,
  suggestionsFor,
} from './suggest';
export { agreedSpans, type GroupSpec, isModelName, MODEL, type Target } from './targets';
export { type TokenizedText, tokenize } from './tokens';
export {
  type DocumentPrediction,
  type LearnCodebook,
  type LearnDocument,
  type LearnInput,
  type LearnOptions,
  predictDocument,
  type TrainedModel,
  trainModel,
} from './train';
