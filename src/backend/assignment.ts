// Which documents each annotator should code (optional; planned by the lead), and their progress.
import { type AssignmentPlan, type AssignmentStatus, assignDocuments, assignmentProgress } from '../core/assignment';
import type { Project } from './project';

/** The plan and each annotator's progress on it; null when the project has none. */
export async function readAssignments(project: Project): Promise<AssignmentStatus | null> {
  const plan = await project.readAssignments();
  if (!plan) return null;
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
  await project.saveAssignments(plan);
  return plan;
}
