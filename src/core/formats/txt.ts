// Plain text articles: one file is one document, its id the file name without the extension. The text is
// the file's text exactly (a UTF-8 BOM stays as U+FEFF, CRLF stays) unless the import asks to normalize it.
import { checkId, fileStem, sortedDocuments, textFiles } from './common';
import type { Format } from './types';

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export const txt: Format = {
  name: 'txt',
  title: 'plain text articles, one document per .txt file (folders are read recursively)',
  extensions: ['.txt'],
  reads: ['.txt'],
  input: 'text',
  offsets: 'none',
  folder: true,
  cleanup: true,
  carries: ['documents'],
  loses: ['annotations', 'metadata'],
  text: {
    bom: 'kept as U+FEFF at the start of the text (written back), unless --normalize',
    crlf: 'kept, unless --normalize',
    nfc: 'kept, unless --normalize',
    equalTexts: "a file whose text equals another document's is skipped and listed, unless --keep-duplicates",
  },
  importOptions: [],
  exportOptions: [],
  *parse(files) {
    for (const f of textFiles(files)) {
      const id = checkId(fileStem(f.path), f.path, 0);
      yield {
        id,
        text: f.text,
        meta: { source: baseName(f.path) },
        spans: [],
        docLabels: {},
        raw: true,
        where: { file: f.path, line: 0 },
      };
    }
  },
  format(input) {
    const files: Record<string, string> = {};
    for (const d of sortedDocuments(input.documents)) files[`${d.id}.txt`] = d.text;
    return { files };
  },
};
