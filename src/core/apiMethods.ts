// The API's method names and IPC channels, free of zod so the preload and renderer bundles stay small.
import type { FrameLensApi } from './api';

/** Every method of FrameLensApi, listed once for transports (the compiler checks it is complete). */
export const API_METHODS = [
  'getProject',
  'openProject',
  'createProject',
  'recentProjects',
  'listDocuments',
  'getDocument',
  'getAnnotations',
  'listAnnotations',
  'saveAnnotations',
  'saveCodebook',
  'importFiles',
  'exportProject',
  'stats',
  'agreement',
  'agreementInput',
  'renameLabel',
  'deleteLabel',
  'mergeLabels',
  'labelUsage',
  'searchCorpus',
  'startImport',
  'importJob',
  'cancelImport',
  'changes',
  'adjudicate',
  'adjudicateDocLabel',
  'acceptUnanimous',
  'goldReasons',
  'assignments',
  'planAssignments',
  'setDocumentMeta',
  'outlets',
  'suggestions',
  'storySuggestions',
] as const satisfies readonly (keyof FrameLensApi)[];

/** A method name of the API. */
export type ApiMethod = (typeof API_METHODS)[number];

// Fails to compile when FrameLensApi gains a method that is not listed above.
type Missing = Exclude<keyof FrameLensApi, ApiMethod>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

/** The IPC channel of a method (one shared map, as electron/fiddle does). */
export function ipcChannel(method: ApiMethod): string {
  return `framelens:${method}`;
}
