// Assignment of documents to annotators: an overlap sample coded by everyone (for agreement) and the
// rest shared out evenly. Seeded, so the same inputs always give the same plan.
import { mulberry32 } from './prng';

/** Who should code which documents. */
export interface AssignmentPlan {
  seed: number;
  overlap: string[];
  annotators: Record<string, string[]>;
}

/** `overlap` (0–1) of the documents go to everyone; the others to one annotator each, round robin. */
export function assignDocuments(
  documentIds: string[],
  annotators: string[],
  options: { overlap: number; seed: number },
): AssignmentPlan {
  if (!annotators.length) throw new Error('no annotators to assign to');
  if (!(options.overlap >= 0 && options.overlap <= 1))
    throw new Error(`overlap ${options.overlap} must be between 0 and 1`);
  const ids = [...documentIds].sort();
  const rand = mulberry32(options.seed);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const n = Math.round(ids.length * options.overlap);
  const overlap = ids.slice(0, n).sort();
  const names = [...annotators].sort();
  const plan: Record<string, string[]> = Object.fromEntries(names.map((a) => [a, [...overlap]]));
  for (const [k, id] of ids.slice(n).entries()) plan[names[k % names.length]].push(id);
  for (const a of names) plan[a].sort();
  return { seed: options.seed, overlap, annotators: plan };
}

export interface AssignmentProgress {
  assigned: number;
  done: number;
  inProgress: number;
  skipped: number;
}

export interface AssignmentStatus {
  plan: AssignmentPlan;
  progress: Record<string, AssignmentProgress>;
}

export function assignmentProgress(
  plan: AssignmentPlan,
  statusOf: (annotator: string, document: string) => string | undefined,
): Record<string, AssignmentProgress> {
  const out: Record<string, AssignmentProgress> = {};
  for (const [a, ids] of Object.entries(plan.annotators)) {
    const row = { assigned: ids.length, done: 0, inProgress: 0, skipped: 0 };
    for (const id of ids) {
      const s = statusOf(a, id);
      if (s === 'done') row.done++;
      else if (s === 'in_progress') row.inProgress++;
      else if (s === 'skipped') row.skipped++;
    }
    out[a] = row;
  }
  return out;
}
