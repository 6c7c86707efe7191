// Codebook templates shipped with the app: offered when creating a project and in the codebook panel.
import type { Codebook } from '../model';
import framing from './framing.json';
import policyFrames from './policy-frames.json';

/** A named, described starting codebook. */
export interface CodebookTemplate {
  id: string;
  name: string;
  description: string;
  codebook: Codebook;
}

/** The sample project's framing codebook and the Policy Frames Codebook (Boydstun et al. 2014). */
export const TEMPLATES: CodebookTemplate[] = [
  {
    id: 'framing',
    name: 'Framing of unrest (sample project)',
    description: 'Span labels for causes, naming, sourcing and consequences; stance and frames per document.',
    codebook: framing as Codebook,
  },
  {
    id: 'policy-frames',
    name: 'Policy Frames Codebook (15 dimensions)',
    description: 'The 15 frame dimensions of Boydstun, Card, Gross, Resnik and Smith (2014), with short descriptions.',
    codebook: policyFrames as Codebook,
  },
];

/** A template's codebook adopted into a project whose codebook is at `version` (bumped, never reset). */
export function fromTemplate(template: CodebookTemplate, version: number): Codebook {
  return { ...(JSON.parse(JSON.stringify(template.codebook)) as Codebook), version: version + 1 };
}
