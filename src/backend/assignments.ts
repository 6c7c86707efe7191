// assignments.json: which documents each annotator should code (optional; written by the lead).
import { join } from 'node:path';
import { z } from 'zod';
import { type AssignmentPlan, assignDocuments, assignmentProgress } from '../core/assignment';
import { idSchema } from '../core/schemas';
import { readJson, writeJson } from './jsonStore';
import type { Project } from './project';

const assignmentsFileSchema = z.strictObject({
  schema: z.literal(1),
  seed: z.number().int(),
  overlap: z.array(idSchema),
  annotators: z.record(idSchema, z.array(idSchema)),
});

function file(project: Project): string {
  return join(project.layout.root, 'assignments.json');
}

/** The plan and each annotator's progress on it; null when the project has none. */
export async function readAssignments(
  project: Project,
): Promise<{ plan: AssignmentPlan; progress: ReturnType<typeof assignmentProgress> } | null> {
  const data = await readJson(file(project), assignmentsFileSchema);
  if (!data) return null;
  const plan: AssignmentPlan = { seed: data.seed, overlap: data.overlap, annotators: data.annotators };
  const statuses = new Map<string, string>();
  for (const a of Object.keys(plan.annotators))
    for (const r of await project.records(a)) statuses.set(`${a}\u0000${r.document}`, r.status);
  return { plan, progress: assignmentProgress(plan, (a, d) => statuses.get(`${a}\u0000${d}`)) };
}

/** Makes and saves a plan over every document of the project. */
export async function planAssignments(
  project: Project,
  options: { annotators: string[]; overlap: number; seed: number },
): Promise<AssignmentPlan> {
  const plan = assignDocuments([...project.index.keys()], options.annotators, options);
  await writeJson(file(project), assignmentsFileSchema, { schema: 1, ...plan });
  return plan;
}
