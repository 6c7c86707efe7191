// The agreement figures of Frame Lens, as the shared agreement contract (DEFINITIONS.md) defines them.
export {
  type BootstrapOptions,
  type BootstrapReport,
  bootstrapIntervals,
  type ConfidenceInterval,
  DEFAULT_ALPHA_MIN,
  INTERVAL_METHOD,
  intervalNullReasons,
  MIN_CHANCE_DISAGREEMENTS,
  MIN_UNITS,
  type QValue,
  type Verdict,
  verdictOf,
} from './bootstrap';
export { type LabelConfusion, labelConfusion } from './confusion';
export {
  DISAGREEMENT_FIELDS,
  DISAGREEMENT_KINDS,
  type Disagreement,
  type DisagreementFilter,
  type DisagreementKind,
  type DisagreementTable,
  disagreementAt,
  disagreements,
  disagreementTable,
  type ListedSpan,
} from './disagreements';
export { agreementCsv, formatAgreementTable, formatIntervalTable, intervalRows } from './format';
export {
  type ListedRelation,
  type RelationDisagreement,
  type RelationDisagreementKind,
  relationDisagreements,
} from './relations';
export {
  type AgreementInput,
  type AgreementReport,
  agreementReport,
  type DocLabelFigures,
  type DocLabelOptionsReport,
  type LabelFigure,
  type Num,
  type PerDocumentReport,
  type SpanPairReport,
  type TypeFigure,
} from './report';
