// Codebook templates shipped with the app: offered when creating a project and in the codebook panel.
// The list (names, descriptions) is small and comes with the first screen; a template's codebook is read
// only when one is chosen, so the renderer's first script does not carry the label definitions.
import type { Codebook } from '../model';

/** A named, described starting codebook. */
export interface CodebookTemplate {
  id: string;
  name: string;
  description: string;
  codebook: () => Promise<Codebook>;
}

const json = (m: { default: unknown }) => m.default as Codebook;

/** The sample project's framing codebook and the Policy Frames Codebook (Boydstun et al. 2014). */
export const TEMPLATES: readonly CodebookTemplate[] = [
  {
    id: 'framing',
    name: 'Framing of unrest (sample project)',
    description: 'Span labels for causes, naming, sourcing and consequences; stance and frames per document.',
    codebook: () => import('./framing.json').then(json),
  },
  {
    id: 'policy-frames',
    name: 'Policy Frames Codebook (15 dimensions)',
    description: 'The 15 frame dimensions of Boydstun, Card, Gross, Resnik and Smith (2014), with short descriptions.',
    codebook: () => import('./policy-frames.json').then(json),
  },
];

/** A template's codebook adopted into a project whose codebook is at `version` (bumped, never reset). */
export async function fromTemplate(template: CodebookTemplate, version: number): Promise<Codebook> {
  return { ...(JSON.parse(JSON.stringify(await template.codebook())) as Codebook), version: version + 1 };
}
