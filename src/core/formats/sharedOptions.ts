// Import options several formats take, declared once: the key, the CLI flag and the wizard's field are then the
// same wherever they appear, and the CLI's single help line for the flag is true for every format. Not in
// options.ts, which builds the request schemas from the registry: a format module importing it would close a
// cycle.
import type { OptionSpec } from './types';

/** Read back an export with several annotators: each file's annotator is named by where the export put it. */
export const annotatorFromFolder = {
  key: 'annotatorFromFolder',
  flag: 'annotator-from-folder',
  label: 'annotator from each file\u2019s folder',
  help: 'name each file\u2019s annotator after where an export with several annotators put it: the folder it is in, or the <annotator> of a labels.<annotator>.tsv file',
  kind: 'boolean',
} as const satisfies OptionSpec;

/** Files of documents (JSON, JSONL, CSV): which field holds the id, the text and each metadata value. */
export const fieldMapping = {
  key: 'mapping',
  flag: 'map',
  label: 'Field mapping',
  help: 'JSON or CSV of documents: which field holds each of id,text,title,outlet,date,url (e.g. id=uid,text=body)',
  kind: 'mapping',
} as const satisfies OptionSpec;

/** The parsed value of `annotatorFromFolder`. */
export interface AnnotatorFromFolderOption {
  annotatorFromFolder?: boolean;
}

/** The folder a file is in (its last one), the annotator `annotatorFromFolder` names. */
export function folderOf(path: string): string {
  return path.replace(/\\/g, '/').split('/').slice(-2, -1)[0] ?? '';
}
