// The agreement figures of Frame Lens (see /work/shared/agreement/DEFINITIONS.md): public entry points.
export { type BootstrapOptions, type BootstrapReport, bootstrapIntervals, type ConfidenceInterval } from './bootstrap';
export { agreementCsv, formatAgreementTable } from './format';
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
} from './report';
