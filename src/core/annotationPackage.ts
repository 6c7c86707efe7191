// Annotation packages: one annotator's work as one file, to carry between machines without git.
// A package names the codebook and the text hash of every record, so a merge can refuse what does
// not fit instead of applying it silently.
import { z } from 'zod';
import type { AnnotationRecord, Codebook } from './model';
import { annotationRecordSchema, idSchema } from './schemas';

/** Bumped when the package layout changes. */
const PACKAGE_SCHEMA = 1 as const;

/** The package file, validated on merge. */
export const packageSchema = z.strictObject({
  format: z.literal('framelens-package'),
  schema: z.literal(PACKAGE_SCHEMA),
  annotator: idSchema,
  createdAt: z.string(),
  project: z.string(),
  codebook: z.strictObject({
    version: z.number().int().nonnegative(),
    spanLabels: z.array(z.string()),
    docLabels: z.record(z.string(), z.array(z.string())),
  }),
  records: z.array(annotationRecordSchema),
});

export type AnnotationPackage = z.infer<typeof packageSchema>;

/** Builds a package from one annotator's records (pure: the caller reads and writes files). */
export function buildPackage(
  annotator: string,
  project: string,
  codebook: Codebook,
  records: AnnotationRecord[],
  createdAt: string,
): AnnotationPackage {
  return {
    format: 'framelens-package',
    schema: PACKAGE_SCHEMA,
    annotator,
    createdAt,
    project,
    codebook: {
      version: codebook.version,
      spanLabels: codebook.spanLabels.map((l) => l.name),
      docLabels: Object.fromEntries(codebook.docLabels.map((g) => [g.name, g.options])),
    },
    records: records.filter((r) => r.annotator === annotator),
  };
}

/** Labels, document-label values and relation types (`relation: name`) a record uses that a codebook lacks. */
export function unknownLabels(
  record: Pick<AnnotationRecord, 'spans' | 'docLabels' | 'relations'>,
  codebook: Codebook,
): string[] {
  const spanLabels = new Set(codebook.spanLabels.map((l) => l.name));
  const types = new Set((codebook.relationTypes ?? []).map((t) => t.name));
  const out = new Set<string>();
  for (const s of record.spans) if (!spanLabels.has(s.label)) out.add(s.label);
  for (const r of record.relations ?? []) if (!types.has(r.type)) out.add(`relation: ${r.type}`);
  for (const [group, value] of Object.entries(record.docLabels)) {
    const g = codebook.docLabels.find((d) => d.name === group);
    for (const v of Array.isArray(value) ? value : [value]) if (!g?.options.includes(v)) out.add(`${group}: ${v}`);
  }
  return [...out].sort();
}
