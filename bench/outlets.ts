// Issue 7's speed target: outlet tables and suggestions for 10,000 documents in under 2 s.
// Run alone: node bin/run-ts.js bench/outlets.ts
import { pathToFileURL } from 'node:url';
import type { AnnotationRecord } from '../src/core/model';
import { labelRatesPerOutlet, outletPhrases } from '../src/core/outlets';
import { mulberry32 } from '../src/core/prng';
import { buildLexicon, findSuggestions } from '../src/core/suggestions';

const DOCUMENTS = 10_000;
const PHRASES = [
  'terrorist riots',
  'peaceful protests',
  'deadly clashes',
  'foreign-backed',
  'runaway inflation',
  'cruel sanctions',
  'rioters',
  'demonstrations',
  'security forces',
  'color revolution',
];
const FILLER = [
  'the',
  'government',
  'said',
  'on',
  'friday',
  'that',
  'talks',
  'with',
  'moscow',
  'continued',
  'and',
  'officials',
  'met',
];
const LABELS = ['Naming', 'Attribution', 'Economy', 'Violence', 'Hedging'];

export async function run(): Promise<object> {
  const rand = mulberry32(11);
  const documents = [];
  const records: AnnotationRecord[] = [];
  for (let d = 0; d < DOCUMENTS; d++) {
    let text = '';
    const spans = [];
    while (text.length < 3000) {
      if (rand() < 0.08) {
        const phrase = PHRASES[Math.floor(rand() * PHRASES.length)];
        if (d % 10 === 0 && rand() < 0.5)
          spans.push({
            start: text.length,
            end: text.length + phrase.length,
            label: LABELS[PHRASES.indexOf(phrase) % LABELS.length],
          });
        text += `${phrase} `;
      } else text += `${FILLER[Math.floor(rand() * FILLER.length)]} `;
    }
    const id = `doc${String(d).padStart(5, '0')}`;
    documents.push({ id, text, meta: { outlet: ['PressTV', 'MENAFN', 'Reuters', 'AP'][d % 4], story: `s${d % 50}` } });
    if (spans.length)
      records.push({
        document: id,
        annotator: 'alice',
        textHash: 'sha256:x',
        codebookVersion: 1,
        status: 'done',
        spans,
        docLabels: {},
        updatedAt: '',
      });
  }
  let t = performance.now();
  const phrases = outletPhrases(documents, records);
  const rates = labelRatesPerOutlet(documents, records);
  const outletsMs = performance.now() - t;
  t = performance.now();
  const lexicon = buildLexicon(new Map(documents.map((d) => [d.id, d.text])), records);
  const suggestions = findSuggestions(lexicon, documents, new Map(records.map((r) => [r.document, r.spans])));
  const suggestMs = performance.now() - t;
  return {
    name: 'outlets',
    documents: DOCUMENTS,
    spans: records.reduce((n, r) => n + r.spans.length, 0),
    labels: Object.keys(phrases.labels).length,
    outlets: Object.keys(rates).length,
    outlet_tables_ms: Math.round(outletsMs),
    lexicon_phrases: lexicon.length,
    suggestions: suggestions.length,
    suggestions_ms: Math.round(suggestMs),
    total_ms: Math.round(outletsMs + suggestMs),
    targets_met: { under_2s: outletsMs + suggestMs < 2000 },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(JSON.stringify(await run()));
