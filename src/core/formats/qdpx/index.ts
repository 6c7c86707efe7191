// REFI-QDA (.qdpx projects, .qdc codebooks): read and write the exchange standard of ATLAS.ti, MAXQDA,
// NVivo and QualCoder, and map it to and from Frame Lens. Pure: bytes in, bytes out.
export {
  ORIGIN,
  parseQdc,
  parseQdpx,
  positionUnitFor,
  type QdpxParseOptions,
  type QdpxWriteOptions,
  writeQdc,
  writeQdpx,
} from './archive';
export { MARKER as CODE_FIELDS_MARKER } from './codeFields';
export { guidFor } from './guid';
export {
  codebookFromQdc,
  frameLensToQdpx,
  type QdpxExport,
  type QdpxExportInput,
  type QdpxImport,
  type QdpxImportOptions,
  type QdpxKeep,
  qdcFromCodebook,
  qdpxToFrameLens,
} from './mapping';
export { guidKey, isGuid } from './read';
export type * from './types';
export { QdpxWriteError } from './write';
export { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip';
