// Reliability studies: rounds on a drawn sample, blind while open, their figures and their report.
export {
  type Appendix,
  type AppendixInput,
  appendix,
  appendixHtml,
  appendixLatexTable,
  appendixMarkdown,
  type Block,
  roundReportFiles,
  seriesCsv,
  seriesSvg,
} from './appendix';
export {
  type ChangelogEntry,
  type CodebookChange,
  changelogEntry,
  changesBetween,
  describeChange,
  diffCodebooks,
  type KnownRenames,
} from './changelog';
export {
  type AlphaSeries,
  alphaSeries,
  type RoundFigures,
  type RoundSummary,
  roundFigures,
  type SettlementCounts,
  type SummaryVariable,
  settlementCounts,
  summaryVariables,
} from './figures';
export { normalQuantile } from './normal';
export * from './reliabilityData';
export {
  blindDocuments,
  type CoderProgress,
  closeRound,
  createRound,
  hasSubmitted,
  isBlind,
  type RoundKind,
  type RoundSpec,
  type RoundState,
  roundAgreementInput,
  roundProgress,
  roundsFrozenBy,
  type StudyRound,
  visibleRecords,
} from './round';
export {
  allocate,
  type DrawnSample,
  drawSample,
  type FrameDocument,
  NO_STRATUM,
  type SampleRequest,
  type StrataKind,
  type StratumAllocation,
  sampleFrame,
} from './sample';
export {
  evenShare,
  minimumUnits,
  minimumUnitsTable,
  rarestShare,
  type SampleSizeQuestion,
  type SizeAdvice,
  sampleSizeAdvice,
} from './sampleSize';
export {
  changelogEntrySchema,
  type RoundRecordsFile,
  roundRecordsFileSchema,
  type StoredRound,
  type StudyFile,
  storedRoundSchema,
  studyFileSchema,
} from './schema';
export {
  type CoderTraining,
  checkRequirement,
  coderVersusGold,
  type DocumentMeasure,
  type GoldScore,
  meetsRequirement,
  type Shortfall,
  type SpanMeasure,
  type TrainingRequirement,
} from './training';
