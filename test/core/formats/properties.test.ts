// Import → export → import is the identity, for every format, on generated corpora full of what breaks
// importers: equal texts under different ids, a BOM at the start, CRLF, astral characters, combining marks,
// empty lines, trailing whitespace; several annotators, notes, document labels, span ids. Each format is held
// to what its registry entry says it carries; the formats that keep text exactly must give back the
// corpus's own texts and ids on the first import too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportWith, FORMATS, parseFiles } from '../../../src/core/formats/registry';
import type { ExportInput, ExportRecord, Format, SourceFile } from '../../../src/core/formats/types';
import { exportInputOf, verifyRoundTrip } from '../../../src/core/formats/verify';
import type { DocLabelValue, Span } from '../../../src/core/model';
import { OffsetMap } from '../../../src/core/offsets';
import { orderSpans, spanText } from '../../../src/core/text';
import { asFiles, parse, write } from './helpers';

const PIECES = [
  'a',
  'Z',
  ' ',
  '\n',
  '\r\n',
  '\n\n',
  '\t',
  '😀',
  '👍🏽',
  'e\u0301',
  'ت',
  '\u200c',
  '.',
  ',',
  '"',
  '|',
  '_',
  '[',
  '\\',
  '<',
  '#',
  '-',
];
const ANNOTATORS = ['alice', 'bob', 'carol'];
const LABELS = ['Protest naming', 'Economic', 'ضد'];
// Formats whose text is rebuilt from their tokens: the first import gives a text of their own, later ones keep it.
const REBUILT = new Set(['conll', 'webanno-tsv']);

const textArb = fc
  .tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), fc.constantFrom('', ' ', '  \n'))
  .map(([bom, parts, tail]) => `${bom ? '\uFEFF' : ''}x${parts.join('')}${tail}`);

const noteArb = fc
  .array(fc.constantFrom('a', 'b', ' ', '"', '\t', 'é', '😀', '\n'), { minLength: 1, maxLength: 8 })
  .map((p) => p.join('').replace(/^\n+|\n+$/g, 'n'));

interface Draft {
  texts: string[];
  /** Document i copies document copies[i]'s text (equal texts under different ids). */
  copies: (number | null)[];
  records: {
    doc: number;
    annotator: number;
    spans: [number, number, number, string | null][];
    stance: number;
    frames: number[];
  }[];
}

const draftArb: fc.Arbitrary<Draft> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    texts: fc.array(textArb, { minLength: n, maxLength: n }),
    copies: fc.array(fc.option(fc.nat(n - 1), { freq: 2 }), { minLength: n, maxLength: n }),
    records: fc.array(
      fc.record({
        doc: fc.nat(n - 1),
        annotator: fc.nat(ANNOTATORS.length - 1),
        spans: fc.array(fc.tuple(fc.nat(60), fc.nat(60), fc.nat(LABELS.length - 1), fc.option(noteArb)), {
          minLength: 1,
          maxLength: 4,
        }),
        stance: fc.nat(2),
        frames: fc.uniqueArray(fc.nat(2), { maxLength: 2 }),
      }),
      { maxLength: 5 },
    ),
  }),
);

/** The corpus a draft describes, shaped to what the format can hold (one tag per token for CoNLL). */
function corpus(draft: Draft, format: Format): ExportInput {
  const texts = draft.texts.map((t, i) => {
    const j = draft.copies[i];
    return j !== null && j !== i ? draft.texts[j] : t;
  });
  const documents = texts.map((text, i) => ({
    id: `article${i + 1}`,
    text,
    meta: format.carries.includes('metadata') ? { title: `Title ${i}`, outlet: i % 2 ? 'IRNA' : 'MENAFN' } : {},
  }));
  const seen = new Set<string>();
  const records: ExportRecord[] = [];
  for (const r of draft.records) {
    const key = `${r.doc}/${r.annotator}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = texts[r.doc];
    const n = new OffsetMap(text).codePoints;
    let spans: Span[] = r.spans.map(([a, b, l, note], k) => {
      const start = a % n;
      const end = Math.min(n, start + 1 + (b % n));
      return {
        ...(format.carries.includes('span ids') ? { id: `T${k + 1}` } : {}),
        start,
        end,
        label: LABELS[l],
        ...(note !== null && format.carries.includes('notes') ? { note } : {}),
      };
    });
    if (format.name === 'conll') {
      const kept: Span[] = [];
      for (const s of orderSpans(spans)) if (!kept.length || s.start >= kept[kept.length - 1].end) kept.push(s);
      spans = kept;
    }
    const docLabels: Record<string, DocLabelValue> = format.carries.includes('document labels')
      ? {
          Stance: ['critical', 'neutral', 'supportive'][r.stance],
          Frames: r.frames.map((f) => ['Economic', 'Security', 'Moral'][f]).sort(),
        }
      : {};
    records.push({
      document: documents[r.doc].id,
      annotator: ANNOTATORS[r.annotator],
      status: 'done',
      spans,
      docLabels,
    });
  }
  return { documents, records };
}

function reimportOptions(format: Format, input: ExportInput): Record<string, unknown> {
  const annotators = [...new Set(input.records.map((r) => r.annotator))];
  return {
    ...(annotators.length === 1 ? { annotator: annotators[0] } : {}),
    ...(format.importOptions.some((o) => o.key === 'annotatorFromFolder') ? { annotatorFromFolder: true } : {}),
  };
}

function roundTrip(format: Format, input: ExportInput): ExportInput {
  const out = write(format.name, input);
  const lines = parse(format.name, asFiles(out, `export.${format.name}`), reimportOptions(format, input)).lines;
  return exportInputOf(lines);
}

/** What the format carries, in a comparable form. */
function carried(format: Format, input: ExportInput) {
  const has = (c: Parameters<Format['carries']['includes']>[0]) => format.carries.includes(c);
  return {
    documents: [...input.documents]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((d) => ({ id: d.id, text: d.text, ...(has('metadata') ? { meta: d.meta } : {}) })),
    records: [...input.records]
      .sort((a, b) => (`${a.document}/${a.annotator}` < `${b.document}/${b.annotator}` ? -1 : 1))
      .map((r) => ({
        key: `${r.document}/${has('annotators') ? r.annotator : ''}`,
        spans: orderSpans(
          r.spans.map((s) => ({
            ...(has('span ids') && s.id !== undefined ? { id: s.id } : {}),
            start: s.start,
            end: s.end,
            label: s.label,
            ...(has('notes') && s.note !== undefined ? { note: s.note } : {}),
          })),
        ),
        ...(has('document labels') ? { docLabels: r.docLabels } : {}),
        ...(has('status') ? { status: r.status } : {}),
      })),
  };
}

const ROUND_TRIPPABLE = FORMATS.filter((f) => f.parse && f.format && f.input === 'text');

describe('import → export → import is the identity on generated corpora', () => {
  for (const format of ROUND_TRIPPABLE) {
    it(`${format.name}: carries ${format.carries.join(', ')}`, () => {
      fc.assert(
        fc.property(draftArb, (draft) => {
          const source = corpus(draft, format);
          const first = roundTrip(format, source);
          // Different ids are different documents, equal texts or not.
          expect(first.documents.map((d) => d.id).sort()).toEqual(source.documents.map((d) => d.id).sort());
          if (!REBUILT.has(format.name))
            for (const d of source.documents)
              expect(first.documents.find((x) => x.id === d.id)?.text, `text of ${d.id}`).toBe(d.text);
          const second = roundTrip(format, first);
          expect(carried(format, second)).toEqual(carried(format, first));
          const lines = parse(
            format.name,
            asFiles(write(format.name, first), `export.${format.name}`),
            reimportOptions(format, first),
          ).lines;
          expect(verifyRoundTrip(format, lines, reimportOptions(format, first), {})).toEqual([]);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('the exact formats give back the corpus itself: texts, spans, notes, labels, ids as they carry them', () => {
    for (const format of ROUND_TRIPPABLE.filter(
      (f) => !REBUILT.has(f.name) && f.carries.includes('notes') && f.carries.includes('annotators'),
    )) {
      fc.assert(
        fc.property(draftArb, (draft) => {
          const source = corpus(draft, format);
          const withSpans = { ...source, records: source.records.filter((r) => r.spans.length) };
          const first = roundTrip(format, withSpans);
          const want = carried(format, withSpans);
          const got = carried(format, first);
          expect(got.documents).toEqual(want.documents);
          for (const r of want.records)
            expect(got.records.find((x) => x.key === r.key)?.spans, `${format.name} ${r.key}`).toEqual(r.spans);
        }),
        { numRuns: 30 },
      );
    }
  });
});

// The characters importers and writers like to change: a BOM, CRLF and lone CR, decomposed accents, a no-break
// space, U+2028, a zero-width no-break space inside the text, and each of them (or a tab or line break) before
// the first word, where a token format has no token to hold it.
const LEADS = ['', '\uFEFF', ' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2028', '\uFEFF\u00a0', ' \uFEFF'];
const WORDS = ['ab', 'Cafe\u0301', 'e\u0301te\u0301', 'Zo\u0308e', '😀', 'تهران', 'x.y'];
const GAPS = [' ', '\r\n', '\r', '\n', '\u00a0', '\u2028', ' \uFEFF', '\t', '\n\n'];

const hazardArb = fc
  .tuple(
    fc.constantFrom(...LEADS),
    fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), { minLength: 1, maxLength: 8 }),
    fc.constantFrom('', ' ', '\r\n', '\u00a0'),
    fc.array(fc.tuple(fc.nat(7), fc.nat(2), fc.nat(LABELS.length - 1)), { maxLength: 3 }),
  )
  .map(([lead, parts, tail, picks]) => {
    let text = lead;
    const words: [number, number][] = [];
    for (const [word, gap] of parts) {
      const at = Array.from(text).length;
      text += word;
      words.push([at, at + Array.from(word).length]);
      text += gap;
    }
    text = text.replace(/[\s\uFEFF]+$/, '') + tail;
    // Spans over whole words (one to three), without overlaps, so every format can hold them.
    const spans: Span[] = [];
    for (const [w, n, l] of picks) {
      const first = w % words.length;
      const last = Math.min(words.length - 1, first + n);
      const s = { start: words[first][0], end: words[last][1], label: LABELS[l] };
      if (spans.every((o) => s.end <= o.start || s.start >= o.end)) spans.push(s);
    }
    return { text, spans: orderSpans(spans) };
  });

/** webanno-tsv refuses a text whose first character after any spaces is a tab or line break; nothing else may. */
function mayRefuse(format: Format, text: string): boolean {
  return format.name === 'webanno-tsv' && /^ *[\t\n\r]/.test(text);
}

const noSpace = (s: string) => s.replace(/[\s\uFEFF]+/g, '');

/** Any format's output as the files an import receives, archives included. */
function outputFiles(format: Format, input: ExportInput): SourceFile[] {
  const out = exportWith(format, input);
  return typeof out !== 'string' && 'bytes' in out
    ? [{ path: `export.${format.name}`, bytes: out.bytes }]
    : asFiles(out, `export.${format.name}`);
}

describe('exports give back the text exactly (BOM, CRLF, non-NFC, no-break space, U+2028), or refuse it', () => {
  for (const format of FORMATS.filter((f) => f.parse && f.format && f.carries.includes('documents'))) {
    it(`${format.name}: ${format.text.bom}`, () => {
      let exported = 0;
      fc.assert(
        fc.property(hazardArb, ({ text, spans }) => {
          const input: ExportInput = {
            documents: [{ id: 'article1', text, meta: {} }],
            records: spans.length
              ? [{ document: 'article1', annotator: 'alice', status: 'done', spans, docLabels: {} }]
              : [],
          };
          let files: SourceFile[];
          try {
            files = outputFiles(format, input);
          } catch (error) {
            expect(mayRefuse(format, text), `${format.name} refused ${JSON.stringify(text)}`).toBe(true);
            expect((error as Error).message).toMatch(/^[^\n]*\barticle1\b[^\n]*$/);
            return;
          }
          expect(mayRefuse(format, text), `${format.name} wrote ${JSON.stringify(text)}`).toBe(false);
          exported++;
          const lines = parseFiles(format, files, { annotator: 'alice' }).lines;
          const doc = lines.find((l) => l.id === 'article1');
          const got = lines.find((l) => l.id === 'article1' && l.annotator === 'alice')?.spans ?? [];
          if (format.name === 'conll') {
            // CoNLL holds tokens, not text: the words and the words each label covers come back.
            expect(noSpace(doc?.text ?? '')).toBe(noSpace(text));
            const words = (t: string, s: Span[]) => s.map((x) => [x.label, noSpace(spanText(t, x))]);
            expect(words(doc?.text ?? '', got)).toEqual(words(text, spans));
            return;
          }
          expect(doc?.text, JSON.stringify(text)).toBe(text);
          if (format.carries.includes('spans'))
            expect(orderSpans(got.map((s) => ({ start: s.start, end: s.end, label: s.label })))).toEqual(spans);
        }),
        { numRuns: 60 },
      );
      expect(exported).toBeGreaterThan(0);
    });
  }
});
