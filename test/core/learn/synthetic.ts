// A seeded synthetic coded corpus for tests and the benchmark: news-like sentences with label cue phrases
// planted as spans (about one token in eight inside a span, as in the sample project), a stance and frames
// that follow the planted labels, and optional coders who miss spans or shift a boundary by a word.
import type { AnnotationRecord, Span } from '../../../src/core/model';
import { mulberry32, randomIndex } from '../../../src/core/prng';

export const SYNTH_LABELS = [
  'Conflict',
  'Economic consequences',
  'Human interest',
  'Morality',
  'Responsibility',
  'Foreign attribution',
  'Sourcing and hedging',
  'Protest naming',
];
export const SYNTH_GROUPS = [
  { name: 'Stance', kind: 'single' as const, options: ['supportive', 'neutral', 'critical'] },
  {
    name: 'Frames',
    kind: 'multiple' as const,
    options: ['Economic', 'Security', 'Political', 'Morality', 'Human interest', 'Legality', 'Public opinion'],
  },
];
const FRAME_OF: Record<string, string> = {
  Conflict: 'Security',
  'Economic consequences': 'Economic',
  'Human interest': 'Human interest',
  Morality: 'Morality',
  Responsibility: 'Political',
  'Foreign attribution': 'Security',
  'Sourcing and hedging': 'Public opinion',
  'Protest naming': 'Legality',
};

function word(next: () => number, syllables: number): string {
  const C = 'bcdfghklmnprstvz';
  const V = 'aeiou';
  let w = '';
  for (let i = 0; i < syllables; i++) w += C[randomIndex(next, C.length)] + V[randomIndex(next, V.length)];
  return w;
}

/** The documents and records of a synthetic project; `coders` adds noisy coders beside the gold layer. */
export function syntheticProject(
  documents: number,
  options: { seed?: number; words?: number; coders?: string[]; gold?: boolean } = {},
) {
  const next = mulberry32(options.seed ?? 7);
  const targetWords = options.words ?? 400;
  const vocab = Array.from({ length: 3000 }, (_, i) => word(next, 1 + (i % 3)));
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length ** next()) - 1)];
  const lexicon = SYNTH_LABELS.map(() => {
    const pool = Array.from({ length: 14 }, () => word(next, 2 + randomIndex(next, 2)));
    return Array.from({ length: 12 }, () => {
      const len = 1 + randomIndex(next, 4);
      return Array.from({ length: len }, (_, k) =>
        k === 0 || next() < 0.6 ? pool[randomIndex(next, pool.length)] : zipf(),
      );
    });
  });
  const stanceWords = [
    ['stability', 'order'],
    ['said', 'reported'],
    ['crackdown', 'repression'],
  ];
  const docs: { id: string; text: string; textHash: string }[] = [];
  const records: AnnotationRecord[] = [];
  for (let d = 0; d < documents; d++) {
    const id = `doc-${String(d).padStart(5, '0')}`;
    const focus = [randomIndex(next, SYNTH_LABELS.length), randomIndex(next, SYNTH_LABELS.length)];
    const stance = randomIndex(next, 3);
    let text = '';
    let words = 0;
    const spans: Span[] = [];
    while (words < targetWords) {
      const len = 12 + randomIndex(next, 14);
      const parts: string[] = [];
      for (let k = 0; k < len; k++) {
        if (next() < 0.035) {
          const l = next() < 0.7 ? focus[randomIndex(next, 2)] : randomIndex(next, SYNTH_LABELS.length);
          const phrase = lexicon[l][randomIndex(next, lexicon[l].length)];
          const prefix = `${text}${parts.length ? `${parts.join(' ')} ` : ''}`;
          const start = [...prefix].length;
          const surface = phrase.join(' ');
          spans.push({ start, end: start + [...surface].length, label: SYNTH_LABELS[l] });
          parts.push(surface);
          k += phrase.length - 1;
        } else if (next() < 0.01) {
          const pool = stanceWords[stance];
          parts.push(pool[randomIndex(next, pool.length)]);
        } else parts.push(zipf());
      }
      parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
      text += `${parts.join(' ')}. `;
      words += len;
    }
    text = text.trimEnd();
    docs.push({ id, text, textHash: `sha256:${String(d).padStart(64, '0')}` });
    const frames = SYNTH_GROUPS[1].options.filter((f) =>
      spans.some((s) => FRAME_OF[s.label] === f && spans.filter((t) => t.label === s.label).length >= 2),
    );
    const docLabels = { Stance: SYNTH_GROUPS[0].options[stance], Frames: frames };
    const base = { document: id, textHash: docs[d].textHash, codebookVersion: 1, status: 'done' as const };
    if (options.gold ?? true)
      records.push({ ...base, annotator: 'gold', spans, docLabels, updatedAt: '2025-01-01T00:00:00.000Z' });
    for (const coder of options.coders ?? []) {
      const own = spans
        .filter(() => next() > 0.1)
        .map((s) => {
          if (next() < 0.15) {
            // drop the last word of the span, as a coder who stops one word early
            const surface = [...text].slice(s.start, s.end).join('');
            const cut = surface.lastIndexOf(' ');
            if (cut > 0) return { ...s, end: s.start + [...surface.slice(0, cut)].length };
          }
          return { ...s };
        });
      records.push({ ...base, annotator: coder, spans: own, docLabels, updatedAt: '2025-01-01T00:00:00.000Z' });
    }
  }
  const codebook = {
    version: 1,
    spanLabels: SYNTH_LABELS.map((name) => ({ name })),
    docLabels: SYNTH_GROUPS,
  };
  return { documents: docs, records, codebook };
}
