// zod schemas of the study files a project keeps: study.json (the rounds, each closed one with its summary),
// codebook-changelog.jsonl (one edit per line) and rounds/<key>.json (a closed round's coding, kept as it was when
// the round closed). Validated on read like every other project file.
import { z } from 'zod';
import { DOCUMENT_ORDERS } from '../model';
import { annotationRecordSchema, idSchema, SCHEMA_VERSION } from '../schemas';
import { type ChangelogEntry, RELATION_TYPE_FIELDS } from './changelog';
import type { RoundSummary } from './figures';
import type { StudyRound } from './round';

const num = z.number().finite();
const nullableNum = num.nullable();

const sampleSchema = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff),
  size: z.number().int().positive(),
  strata: z.enum(['none', 'outlet', 'story']),
  population: z.number().int().nonnegative(),
  excluded: z.number().int().nonnegative(),
  allocation: z.array(
    z.strictObject({
      stratum: z.string(),
      population: z.number().int().nonnegative(),
      quota: num,
      drawn: z.number().int().nonnegative(),
    }),
  ),
  documents: z.array(idSchema),
});

const requirementSchema = z.strictObject({
  measure: z.enum(['f1_overlap', 'f1_exact', 'alpha_u']),
  minimum: num.min(-1).max(1),
  scope: z.enum(['overall', 'every-label']),
  documentLabels: z
    .strictObject({ measure: z.enum(['percent_agreement', 'cohen_kappa']), minimum: num.min(-1).max(1) })
    .optional(),
});

const summarySchema = z.strictObject({
  round: z.string(),
  kind: z.enum(['training', 'main']),
  openedAt: z.string(),
  closedAt: z.string().optional(),
  codebookVersion: z.number().int().positive(),
  coders: z.array(idSchema),
  documents: z.number().int().nonnegative(),
  method: z.string(),
  draws: z.number().int().positive(),
  seed: z.number().int(),
  level: num,
  variables: z.array(
    z.strictObject({
      key: z.string(),
      kind: z.enum(['span', 'document']),
      name: z.string(),
      alpha: nullableNum,
      lower: nullableNum,
      upper: nullableNum,
      units: z.number().int().nonnegative(),
      q: z.array(z.strictObject({ alpha_min: num, q: nullableNum })),
      verdict: z.enum(['reliable', 'tentative', 'unreliable', 'inconclusive']).nullable(),
      reason: z.string().optional(),
    }),
  ),
}) satisfies z.ZodType<RoundSummary>;

/**
 * One round as study.json keeps it; a closed round carries the summary computed when it closed. `key` names the
 * round's files (rounds/<key>.json, reports/<key>/): given once when the round is created, never taken from
 * the name as it is.
 */
export const storedRoundSchema = z.strictObject({
  key: idSchema,
  name: z.string().min(1).max(200),
  kind: z.enum(['training', 'main']),
  coders: z.array(idSchema).min(1),
  codebookVersion: z.number().int().positive(),
  sample: sampleSchema,
  state: z.enum(['open', 'closed']),
  openedAt: z.string(),
  openedBy: z.string().optional(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  requirement: requirementSchema.optional(),
  documentOrder: z.enum(DOCUMENT_ORDERS).optional(),
  closingDocumentOrder: z.enum(DOCUMENT_ORDERS).optional(),
  summary: summarySchema.optional(),
}) satisfies z.ZodType<StoredRound>;

/** A round as the project keeps it: the round, the key of its files, and its summary once closed. */
export type StoredRound = StudyRound & { key: string; summary?: RoundSummary };

/** study.json: every round, in the order they were opened; round names and keys unique. */
export const studyFileSchema = z
  .strictObject({ schema: z.literal(SCHEMA_VERSION), rounds: z.array(storedRoundSchema) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    const keys = new Set<string>();
    for (const r of f.rounds) {
      if (seen.has(r.name)) ctx.addIssue({ code: 'custom', message: `round "${r.name}" appears twice` });
      seen.add(r.name);
      if (keys.has(r.key.toLowerCase()))
        ctx.addIssue({ code: 'custom', message: `round key "${r.key}" appears twice` });
      keys.add(r.key.toLowerCase());
      if ((r.state === 'closed') !== (r.closedAt !== undefined))
        ctx.addIssue({ code: 'custom', message: `round "${r.name}": closedAt must be set exactly when it is closed` });
    }
  });

/** The contents of study.json. */
export type StudyFile = z.infer<typeof studyFileSchema>;

/** The four changes a label, a relation type or a group goes through: added, removed, renamed, some of its fields redefined. */
function lifecycleChanges<S extends string, K extends string, F extends string>(
  subject: S,
  key: K,
  fields: readonly [F, ...F[]],
) {
  const named = { [key]: z.string() } as { [P in K]: z.ZodString };
  return [
    z.strictObject({ kind: z.literal(`${subject}-added` as const), ...named }),
    z.strictObject({ kind: z.literal(`${subject}-removed` as const), ...named }),
    z.strictObject({ kind: z.literal(`${subject}-renamed` as const), from: z.string(), to: z.string() }),
    z.strictObject({ kind: z.literal(`${subject}-changed` as const), ...named, fields: z.array(z.enum(fields)) }),
  ] as const;
}

const changeSchema = z.discriminatedUnion('kind', [
  ...lifecycleChanges('label', 'label', [
    'description',
    'include',
    'exclude',
    'examples',
    'group',
    'color',
    'short',
    'hotkey',
  ]),
  ...lifecycleChanges('relation-type', 'type', RELATION_TYPE_FIELDS),
  ...lifecycleChanges('group', 'group', ['kind', 'description']),
  z.strictObject({ kind: z.literal('option-added'), group: z.string(), option: z.string() }),
  z.strictObject({ kind: z.literal('option-removed'), group: z.string(), option: z.string() }),
  z.strictObject({ kind: z.literal('option-renamed'), group: z.string(), from: z.string(), to: z.string() }),
]);

/** One line of codebook-changelog.jsonl. */
export const changelogEntrySchema = z.strictObject({
  fromVersion: z.number().int().nonnegative(),
  toVersion: z.number().int().positive(),
  at: z.string(),
  by: z.string().min(1),
  why: z.string().min(1),
  changes: z.array(changeSchema),
}) satisfies z.ZodType<ChangelogEntry>;

/**
 * rounds/<key>.json: the coders' records on the round's documents as they were when it closed. The report is
 * computed from them, so a record edited afterwards changes neither the figures nor the reliability data.
 */
export const roundRecordsFileSchema = z.strictObject({
  schema: z.literal(SCHEMA_VERSION),
  round: z.string().min(1),
  closedAt: z.string(),
  records: z.array(annotationRecordSchema),
  /** Records left out of the figures when the round closed (a file that could not be read), and why. */
  excluded: z.array(z.strictObject({ document: idSchema, annotator: idSchema, reason: z.string() })),
});

/** The contents of rounds/<key>.json. */
export type RoundRecordsFile = z.infer<typeof roundRecordsFileSchema>;
