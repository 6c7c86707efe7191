// `qdc`: a REFI-QDA codebook as one format of the registry, so the codebook editor, `framelens import` and
// `framelens export` exchange codebooks with ATLAS.ti, MAXQDA, NVivo and QualCoder the way they exchange
// data. Import adds the codes as labels and groups (nothing else); export writes the project's codebook.
import { FormatError } from '../common';
import type { Format } from '../types';
import { parseQdc, writeQdc } from './archive';
import { INTEROP, keepFromTables, keepTables } from './keep';
import { codebookFromQdc, qdcFromCodebook } from './mapping';

export const qdc: Format = {
  name: 'qdc',
  title: 'REFI-QDA codebook (.qdc): codes with their hierarchy, colours and descriptions, nothing else',
  extensions: ['.qdc'],
  input: 'bytes',
  offsets: 'none',
  folder: false,
  carries: ['codebook'],
  loses: ['documents', 'annotations', 'memos', 'code sets'],
  text: {
    bom: 'no texts',
    crlf: 'no texts',
    nfc: 'no texts',
    equalTexts: 'no texts',
  },
  importOptions: [],
  exportOptions: [],
  needs: ['codebook', 'keep'],
  interop: INTEROP,
  // biome-ignore lint/correctness/useYield: a codebook yields no lines, it defines labels through the context
  *parse(files, _options, ctx) {
    for (const file of files) {
      if (!('bytes' in file)) throw new FormatError(file.path, 0, 'a .qdc is read as bytes');
      const parsed = parseQdc(file.bytes, { file: file.path });
      const mapped = codebookFromQdc(parsed.codebook, { file: file.path });
      for (const w of [...parsed.warnings, ...mapped.warnings]) ctx.warn(w);
      ctx.define(mapped.codebook);
      ctx.keep(keepTables(mapped.keep));
    }
  },
  format(input, _options, report) {
    const codebook = input.codebook ?? { spanLabels: [], docLabels: [] };
    const { keep, unreadable } = keepFromTables(input.kept ?? {});
    if (unreadable) report.lose('kept GUIDs that could not be read (new ones written)', unreadable);
    if (input.documents.length) report.lose('documents (a codebook holds codes only)', input.documents.length);
    return { bytes: writeQdc(qdcFromCodebook(codebook, keep)) };
  },
};
