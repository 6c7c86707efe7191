// Records of the learn tests: one document (d1), coded as done.
import type { AnnotationRecord } from '../../../src/core/model';

export const rec = (
  annotator: string,
  spans: AnnotationRecord['spans'],
  extra: Partial<AnnotationRecord> = {},
): AnnotationRecord => ({
  document: 'd1',
  annotator,
  textHash: 'sha256:0',
  codebookVersion: 1,
  status: 'done',
  spans,
  docLabels: {},
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...extra,
});
