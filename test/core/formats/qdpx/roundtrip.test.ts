// Frame Lens → .qdpx → Frame Lens is the identity on documents (text exact: astral characters, CR LF,
// combining marks), spans per annotator, document labels, the codebook and memos. Span ids are not carried
// (the project assigns them) and are left out of the generated spans.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterchangeLine } from '../../../../src/core/formats/common';
import {
  codebookFromQdc,
  frameLensToQdpx,
  type Memo,
  parseQdc,
  parseQdpx,
  type QdpxCode,
  QdpxWriteError,
  qdcFromCodebook,
  qdpxToFrameLens,
  writeQdc,
  writeQdpx,
} from '../../../../src/core/formats/qdpx/index';
import { emptyProject } from '../../../../src/core/formats/qdpx/read';
import { notXmlChar } from '../../../../src/core/formats/qdpx/xml';
import type { AnnotationRecord, DocLabelGroup, DocumentMeta, Span, SpanLabel } from '../../../../src/core/model';
import { sortSpans } from '../../../../src/core/text';
import { record, type TestRecord, TRICKY } from '../helpers';
import { G } from './helpers';

const HAZARDS = ['😀', '\r\n', '\r', 'e\u0301', '<&>"\'', '\t', '\u000C', 'تهران', '\uFEFF', ']]>', ' '];
const textArb = fc
  .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom(...HAZARDS)), { maxLength: 12 })
  .map((parts) => parts.join(''));
/** Strings XML can carry: names, descriptions, metadata. */
const xmlString = (min = 0) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: min, maxLength: 12 }),
      fc.constantFrom('a\r\nb', ' x ', 'tab\there', '&amp;'),
    )
    .filter((s) => s.length >= min && notXmlChar(s) === null && !s.includes('[Frame Lens]'));
const ids = ['article111', 'article222', 'doc-3', 'x.y_z', 'ünï'];
const annotatorArb = fc.constantFrom('alice', 'bob', 'gold', 'Zoë-1');
const hex = fc.integer({ min: 0, max: 0xffffff }).map((n) => `#${n.toString(16).padStart(6, '0')}`);
const isoDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2030-01-01'), noInvalidDate: true });

const labelArb = fc.record(
  {
    // Names and groups from a small pool too, so that groups are shared, nested, and named like labels.
    name: fc.oneof(xmlString(1), fc.constantFrom('Naming', 'A', 'Sub', 'B')),
    color: hex,
    group: fc.oneof(xmlString(1), fc.constantFrom('Naming', 'Naming / Sub', 'A', 'A / B', 'A / B / C', ' / ')),
    description: xmlString(),
    include: xmlString(),
    exclude: xmlString(),
    examples: fc.array(xmlString(), { maxLength: 2 }),
    hotkey: fc.constantFrom('q', 'w', '1'),
  },
  { requiredKeys: ['name', 'color'] },
);
const groupArb = fc.record(
  {
    name: xmlString(1),
    kind: fc.constantFrom('single' as const, 'multiple' as const),
    options: fc.uniqueArray(xmlString(1), { minLength: 1, maxLength: 3 }),
    description: xmlString(),
  },
  { requiredKeys: ['name', 'kind', 'options'] },
);
const metaArb = fc.record(
  {
    title: xmlString(),
    outlet: xmlString(),
    published: fc.oneof(
      isoDate.map((d) => d.toISOString().slice(0, 10)),
      xmlString(),
    ),
    publishedRaw: xmlString(),
    author: xmlString(),
    url: xmlString(),
    story: xmlString(1),
    source: xmlString(),
  },
  { requiredKeys: [] },
);

const projectArb = fc
  .record({
    docs: fc.uniqueArray(fc.record({ id: fc.constantFrom(...ids), text: textArb, meta: metaArb }), {
      minLength: 1,
      maxLength: 3,
      selector: (d) => d.id,
    }),
    labels: fc.uniqueArray(labelArb, { minLength: 1, maxLength: 5, selector: (l) => l.name }),
    groups: fc.uniqueArray(groupArb, { maxLength: 2, selector: (g) => g.name }),
    annotators: fc.uniqueArray(annotatorArb, { minLength: 1, maxLength: 3 }),
    seed: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
    notes: fc.array(fc.oneof(fc.constant(undefined), textArb), { minLength: 10, maxLength: 10 }),
    memoTexts: fc.array(
      fc.tuple(fc.uuid(), textArb, fc.option(xmlString(1), { nil: undefined }), fc.option(isoDate, { nil: undefined })),
      {
        maxLength: 5,
      },
    ),
  })
  .map(({ docs, labels, groups, annotators, seed, notes, memoTexts }) => {
    let k = 0;
    const next = (n: number) => (n <= 0 ? 0 : seed[k++ % seed.length] % n);
    const spanLabels = labels as SpanLabel[];
    const docLabels = groups as DocLabelGroup[];
    const records: TestRecord[] = [];
    for (const d of docs) {
      const cps = [...d.text].length;
      for (const a of annotators) {
        if (next(4) === 0) continue;
        const spans: Span[] = [];
        if (cps > 0)
          for (let i = next(4); i > 0; i--) {
            const start = next(cps);
            const end = start + 1 + next(cps - start);
            const note = notes[next(notes.length)];
            const label = spanLabels[next(spanLabels.length)].name;
            spans.push(note === undefined ? { start, end, label } : { start, end, label, note });
          }
        const dl: AnnotationRecord['docLabels'] = {};
        for (const g of docLabels)
          if (next(2) === 0)
            dl[g.name] = g.kind === 'single' ? g.options[next(g.options.length)] : [g.options[next(g.options.length)]];
        if (spans.length || Object.keys(dl).length)
          records.push(record(d.id, a, spans, { docLabels: dl, status: 'in_progress' }));
      }
    }
    const memos: Memo[] = memoTexts.map(([id, text, title, at], i) => {
      const annotator = annotators[i % annotators.length];
      const doc = docs[i % docs.length];
      const cps = [...doc.text].length;
      const targets: Memo['target'][] = [
        { kind: 'project' },
        { kind: 'document', document: doc.id },
        { kind: 'label', label: spanLabels[i % spanLabels.length].name },
      ];
      const group = spanLabels.find((l) => l.group !== undefined)?.group;
      if (group !== undefined) targets.push({ kind: 'group', group });
      if (cps > 0) targets.push({ kind: 'range', document: doc.id, start: 0, end: cps });
      const memo: Memo = { id, annotator, target: targets[next(targets.length)], text };
      if (title !== undefined) memo.title = title;
      if (at !== undefined) memo.createdAt = at.toISOString();
      return memo;
    });
    return {
      documents: docs as { id: string; text: string; meta: DocumentMeta }[],
      records,
      codebook: { spanLabels, docLabels },
      memos,
    };
  });

function byKey(lines: InterchangeLine[]): Map<string, InterchangeLine> {
  return new Map(lines.map((l) => [`${l.id}/${l.annotator ?? ''}`, l]));
}

const sortMemos = (m: Memo[]) => [...m].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('Frame Lens → qdpx → Frame Lens', () => {
  it('is the identity on documents, spans, document labels, annotators, codebook and memos', () => {
    fc.assert(
      fc.property(projectArb, (input) => {
        const { project } = frameLensToQdpx(input);
        const bytes = writeQdpx(project);
        const parsed = parseQdpx(bytes, { file: 'out.qdpx' });
        const back = qdpxToFrameLens(parsed.project, { file: 'out.qdpx' });
        const got = byKey(back.lines);
        for (const d of input.documents) {
          const lines = back.lines.filter((l) => l.id === d.id);
          expect(lines.length).toBeGreaterThan(0);
          for (const l of lines) {
            expect(l.text).toBe(d.text);
            expect(l.meta).toEqual(d.meta);
          }
        }
        for (const r of input.records) {
          const line = got.get(`${r.document}/${r.annotator}`);
          expect(line, `${r.document}/${r.annotator}`).toBeDefined();
          expect(line!.spans).toEqual(sortSpans(r.spans));
          expect(line!.docLabels).toEqual(r.docLabels);
        }
        expect(back.lines.filter((l) => l.annotator).length).toBe(input.records.length);
        expect(back.codebook.spanLabels).toEqual(input.codebook.spanLabels);
        expect(back.codebook.docLabels).toEqual(input.codebook.docLabels);
        expect(sortMemos(back.memos)).toEqual(sortMemos(input.memos));
        expect(back.warnings).toEqual([]);
      }),
      { numRuns: Number(process.env.QDPX_RUNS ?? 150) },
    );
  });

  it('names that are Object.prototype keys are names like any other', () => {
    const input = {
      documents: [{ id: 'constructor', text: 'abc def', meta: {} }],
      records: [
        record('constructor', 'constructor', [{ start: 0, end: 3, label: '__proto__' }], {
          docLabels: { valueOf: ['toString'], __proto__: 'x' },
          status: 'in_progress' as const,
        }),
      ],
      codebook: {
        spanLabels: [{ name: '__proto__', color: '#000000', group: 'hasOwnProperty' }],
        docLabels: [
          { name: 'valueOf', kind: 'multiple' as const, options: ['toString'] },
          { name: '__proto__', kind: 'single' as const, options: ['x'] },
        ],
      },
    };
    input.records[0].docLabels = JSON.parse('{"valueOf":["toString"],"__proto__":"x"}');
    const back = qdpxToFrameLens(parseQdpx(writeQdpx(frameLensToQdpx(input).project)).project);
    const line = back.lines.find((l) => l.annotator === 'constructor')!;
    expect(line.spans).toEqual([{ start: 0, end: 3, label: '__proto__' }]);
    expect(JSON.stringify(line.docLabels)).toBe('{"valueOf":["toString"],"__proto__":"x"}');
    expect(back.codebook.spanLabels).toEqual(input.codebook.spanLabels);
  });

  it('writes the same bytes for the same project', () => {
    fc.assert(
      fc.property(projectArb, (input) => {
        expect(writeQdpx(frameLensToQdpx(input).project)).toEqual(writeQdpx(frameLensToQdpx(input).project));
      }),
      { numRuns: 20 },
    );
  });

  it('a codebook survives .qdc both ways', () => {
    fc.assert(
      fc.property(projectArb, ({ codebook }) => {
        const { codebook: back } = codebookFromQdc(parseQdc(writeQdc(qdcFromCodebook(codebook))).codebook);
        expect(back).toEqual(codebook);
      }),
      { numRuns: 50 },
    );
  });

  it('re-exporting an import keeps every GUID (users, codes, sources)', () => {
    const input = {
      documents: [{ id: 'article111', text: TRICKY, meta: { outlet: 'MENAFN' } }],
      records: [record('article111', 'alice', [{ start: 0, end: 10, label: 'Protest naming' }])],
      codebook: { spanLabels: [{ name: 'Protest naming', color: '#112233', group: 'Naming' }], docLabels: [] },
    };
    const first = parseQdpx(writeQdpx(frameLensToQdpx(input).project)).project;
    const imported = qdpxToFrameLens(first);
    const second = frameLensToQdpx({ ...input, keep: imported.keep }).project;
    expect(second.users.map((u) => u.guid)).toEqual(first.users.map((u) => u.guid));
    expect(second.sources.map((s) => s.guid)).toEqual(first.sources.map((s) => s.guid));
    expect(second.codes).toEqual(first.codes);
  });

  it('a foreign code tree (codable parents, nesting, repeated names) is written back with the same shape and GUIDs', () => {
    const tree = [
      {
        guid: G(1),
        name: 'Frames',
        isCodable: true,
        noteRefs: [],
        children: [
          {
            guid: G(2),
            name: 'Economic',
            isCodable: true,
            noteRefs: [],
            children: [{ guid: G(3), name: 'Trade', isCodable: true, noteRefs: [], children: [] }],
          },
          { guid: G(4), name: 'Other', isCodable: true, noteRefs: [], children: [] },
        ],
      },
      {
        guid: G(5),
        name: 'Actors',
        isCodable: false,
        noteRefs: [],
        children: [{ guid: G(6), name: 'Other', isCodable: true, noteRefs: [], children: [] }],
      },
    ];
    const foreign = { ...emptyProject('p'), origin: 'MAXQDA 24', codes: tree };
    const imported = qdpxToFrameLens(parseQdpx(writeQdpx(foreign)).project);
    expect(imported.codebook.spanLabels.map((l) => [l.group, l.name])).toEqual([
      [undefined, 'Frames'],
      ['Frames', 'Economic'],
      ['Frames / Economic', 'Trade'],
      ['Frames', 'Other'],
      ['Actors', 'Actors / Other'],
    ]);
    const again = frameLensToQdpx({ documents: [], records: [], codebook: imported.codebook, keep: imported.keep })
      .project.codes;
    const shape = (codes: QdpxCode[]): unknown => codes.map((c) => [c.guid, c.isCodable, shape(c.children)]);
    expect(shape(again)).toEqual(shape(tree));
  });

  it('refuses, naming it, a value XML cannot carry or a text that is not text', () => {
    const base = {
      documents: [{ id: 'a', text: 'abc', meta: {} }],
      records: [],
      codebook: { spanLabels: [{ name: 'bell\u0007', color: '#000000' }], docLabels: [] },
    };
    expect(() => writeQdpx(frameLensToQdpx(base).project)).toThrow(
      new QdpxWriteError('code "bell\\u0007" name holds U+0007, which an XML file cannot carry'),
    );
    const lone = {
      ...base,
      documents: [{ id: 'a', text: 'ab\uD800', meta: {} }],
      codebook: { spanLabels: [], docLabels: [] },
    };
    expect(() => writeQdpx(frameLensToQdpx(lone).project)).toThrow(/holds a lone surrogate at UTF-16 index 2/);
    expect(() => writeQdc({ codes: [], sets: [] })).toThrow(/a codebook without codes cannot be written as \.qdc/);
  });

  it('says what the file cannot carry', () => {
    const { loses } = frameLensToQdpx({
      documents: [{ id: 'a', text: 'abc', meta: {} }],
      records: [record('a', 'alice', [], { status: 'done' })],
      codebook: { spanLabels: [], docLabels: [] },
    });
    expect(loses).toEqual(['record status (todo, done, skipped): 1', 'records without spans or document labels: 1']);
    const spans = frameLensToQdpx({
      documents: [{ id: 'a', text: 'abc def', meta: {} }],
      records: [
        record('a', 'alice', [
          { id: 's1', start: 0, end: 3, label: 'X' },
          { id: 's2', start: 4, end: 7, label: 'X' },
        ]),
      ],
      codebook: { spanLabels: [{ name: 'X', color: '#112233' }], docLabels: [] },
    });
    expect(spans.loses).toContain('span ids (a new id is given on import): 2');
  });
});
