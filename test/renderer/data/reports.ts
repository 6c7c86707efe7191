// Import reports for the wizard's tests: a scraped article with clean-ups, a duplicate, a near-duplicate,
// a malformed date, a legacy encoding, and text that looks like HTML.

import type { CleanupAction } from '../../../src/core/cleanup';
import type { ImportReport } from '../../../src/core/formats/options';

/** The clean-ups a scraped page gets when every kind is on. */
export const ACTIONS: CleanupAction[] = [
  { kind: 'error-page', from: 0, to: 1, removed: ['Sorry!!'], reason: 'error-page text' },
  {
    kind: 'duplicate-body',
    from: 4,
    to: 5,
    removed: ['The council voted on Tuesday.'],
    reason: '1 line printed twice in a row (the second copy removed)',
  },
];

/** A dry-run report; `over` replaces any part. */
export function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    format: 'txt',
    summary: {
      records: { read: 3, imported: 2, merged: 0, refused: 1 },
      spans: { read: 0, stored: 0 },
      relations: { read: 0, stored: 0 },
      docLabels: { read: 0, stored: 0 },
      notes: { read: 0, stored: 0 },
      documents: { added: 2, existing: 0 },
      annotationRecords: { added: 0, replaced: 0, unchanged: 0 },
    },
    refused: [
      {
        file: '/data/raw/bus-story-copy.txt',
        line: 0,
        id: 'bus-story-copy',
        reason: 'same text as bus-story (pass --keep-duplicates to import it)',
      },
    ],
    dropped: [],
    sameText: [],
    normalized: [],
    detected: {},
    verify: [],
    documentsAdded: ['bus-story', 'tehran-news'],
    documentsUnchanged: [],
    records: 0,
    addedSpanLabels: [],
    addedDocLabelGroups: [],
    addedRelationTypes: [],
    warnings: ['/data/raw/bus-story.txt: date "16/01/20267" kept as written: year has five digits'],
    duplicates: [{ id: 'bus-story-copy', sameAs: 'bus-story', file: '/data/raw/bus-story-copy.txt', line: 0 }],
    nearDuplicates: [{ id: 'tehran-news', similarTo: 'bus-story', similarity: 0.83 }],
    files: [
      { path: '/data/raw/bus-story.txt', encoding: 'UTF-8', how: 'BOM' },
      { path: '/data/raw/tehran-news.txt', encoding: 'windows-1256', how: 'confirmed' },
    ],
    cleanup: [{ id: 'bus-story', actions: ACTIONS }],
    preview: [
      {
        id: 'bus-story',
        meta: { title: 'Council expands bus network', outlet: 'Daily Planet', publishedRaw: '16/01/20267' },
        text: 'The council voted on Tuesday. <script>window.pwned = 1</script><img src=x onerror="alert(1)">',
        length: 95,
      },
      { id: 'tehran-news', meta: { published: '2026-01-16', author: 'M.U.H' }, text: 'x'.repeat(900), length: 900 },
    ],
    metadata: [
      {
        id: 'bus-story',
        meta: { title: 'Council expands bus network', outlet: 'Daily Planet', publishedRaw: '16/01/20267' },
        found: [
          { field: 'outlet', value: 'Daily Planet', from: 'the dateline “SPRINGFIELD (Daily Planet) –”' },
          { field: 'title', value: 'Council expands bus network', from: 'the source' },
        ],
      },
      {
        id: 'tehran-news',
        meta: { published: '2026-01-16', author: 'M.U.H' },
        found: [{ field: 'published', value: '2026-01-16', from: 'the source' }],
      },
    ],
    dryRun: true,
    ...over,
  };
}
