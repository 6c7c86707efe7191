// `qdpx`: a REFI-QDA project as one format of the registry. Import reads the archive's bytes (parseQdpx),
// maps it (qdpxToFrameLens) and hands the importer records per coder, the codebook with its colours and
// hierarchy, the memos and the GUIDs to keep; export maps the project back (frameLensToQdpx) with the kept
// GUIDs and writes the archive.
import { addMissingLabels, emptyCodebook } from '../../codebook';
import { choiceOption, FormatError } from '../common';
import type { DefinedCodebook, ExportRecord, Format } from '../types';
import { parseQdpx, writeQdpx } from './archive';
import { INTEROP, keepFromTables, keepTables } from './keep';
import { frameLensToQdpx, qdpxToFrameLens } from './mapping';

interface QdpxImportOptions {
  positions?: 'auto' | 'codepoint' | 'utf16';
}

interface QdpxExportOptions {
  positions?: 'codepoint' | 'utf16';
}

/** The labels and groups records use, for an export given no codebook (the import's round-trip check). */
export function codebookOfRecords(records: ExportRecord[]): DefinedCodebook {
  const { codebook } = addMissingLabels(
    emptyCodebook(),
    records.flatMap((r) => r.spans.map((s) => s.label)),
    records.flatMap((r) => Object.entries(r.docLabels)),
  );
  return { spanLabels: codebook.spanLabels, docLabels: codebook.docLabels };
}

export const qdpx: Format<QdpxImportOptions, QdpxExportOptions> = {
  name: 'qdpx',
  title: 'REFI-QDA project (.qdpx) of ATLAS.ti, MAXQDA, NVivo, QualCoder, Quirkos: texts, codes, codings, memos',
  extensions: ['.qdpx'],
  input: 'bytes',
  offsets: 'codepoint',
  folder: false,
  carries: ['documents', 'spans', 'notes', 'document labels', 'metadata', 'annotators', 'memos', 'codebook'],
  loses: [
    'record status (todo, done, skipped)',
    'records with no span and no document label',
    'span ids (new ones on import)',
    'document-label groups chosen empty',
    'tokens',
  ],
  text: {
    bom: 'one BOM at the start of a source file is not text (NVivo and QualCoder write one); a text that starts with U+FEFF is written with one more, so it comes back',
    crlf: 'kept; positions count a CR LF as two, as REFI-QDA says (ATLAS.ti counts one, and is read so)',
    nfc: 'kept as written',
    equalTexts: 'sources are documents: equal texts under different names stay different documents',
  },
  importOptions: [
    choiceOption({
      key: 'positions',
      flag: 'positions',
      label: 'Positions in the file',
      help: 'how the file counts text positions: auto (by the tool that wrote it: NVivo UTF-16 units, others code points), codepoint, utf16',
      choices: [
        ['auto', 'by the tool that wrote it'],
        ['codepoint', 'code points (REFI-QDA 1.5)'],
        ['utf16', 'UTF-16 units (NVivo)'],
      ],
    }),
  ],
  exportOptions: [
    choiceOption({
      key: 'positions',
      flag: 'positions',
      label: 'Positions',
      help: 'how the file counts text positions: codepoint (REFI-QDA 1.5, default) or utf16 (for NVivo)',
      choices: [
        ['codepoint', 'code points (REFI-QDA 1.5)'],
        ['utf16', 'UTF-16 units (for NVivo)'],
      ],
    }),
  ],
  needs: ['codebook', 'memos', 'keep'],
  interop: INTEROP,
  *parse(files, options, ctx) {
    for (const file of files) {
      if (!('bytes' in file)) throw new FormatError(file.path, 0, 'a .qdpx is read as bytes');
      const parsed = parseQdpx(file.bytes, { file: file.path, positions: options.positions ?? 'auto' });
      const mapped = qdpxToFrameLens(parsed.project, {
        file: file.path,
        ...(options.annotator ? { annotator: options.annotator } : {}),
      });
      for (const w of [...parsed.warnings, ...mapped.warnings]) ctx.warn(w);
      ctx.define(mapped.codebook);
      ctx.keep(keepTables(mapped.keep));
      for (const memo of mapped.memos) ctx.memo(memo, { file: file.path, line: 0 });
      for (const line of mapped.lines) yield { ...line, where: { file: file.path, line: 0 } };
    }
  },
  format(input, options, report) {
    const { keep, unreadable } = keepFromTables(input.kept ?? {});
    if (unreadable) report.lose('kept GUIDs that could not be read (new ones written)', unreadable);
    const { project, loses } = frameLensToQdpx({
      documents: input.documents,
      records: input.records,
      codebook: input.codebook ?? codebookOfRecords(input.records),
      memos: input.memos ?? [],
      keep,
      ...(input.context?.projectName ? { projectName: input.context.projectName } : {}),
    });
    for (const line of loses) {
      const m = /^(.*): (\d+)$/.exec(line);
      if (m) report.lose(m[1], Number(m[2]));
      else report.lose(line);
    }
    return { bytes: writeQdpx(project, { positions: options.positions ?? 'codepoint' }) };
  },
};
