// The outlet tables brought up to date document by document equal the tables counted again over everything.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outletTables, updatedOutletTables } from '../../src/backend/reportCompute';
import type { AnnotationRecord, Span } from '../../src/core/model';
import { type OutletDocument, textCorpus } from '../../src/core/outlets';

const WORDS = ['riot', 'protest', 'Riot', 'the', 'forces', 'rial', 'talks'];
const OUTLETS = ['A', 'B', ' A ', undefined];
const LABELS = ['X', 'Y', 'Z'];

interface World {
  documents: OutletDocument[];
  records: AnnotationRecord[];
}

const documentArb = (i: number) =>
  fc
    .record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 12 }),
      outlet: fc.constantFrom(...OUTLETS),
      story: fc.constantFrom('s1', 's2'),
    })
    .map(({ words, outlet, story }) => ({
      id: `d${i}`,
      text: words.join(' '),
      meta: { story, ...(outlet !== undefined ? { outlet } : {}) },
    }));

function spanArb(text: string): fc.Arbitrary<Span> {
  return fc
    .record({
      start: fc.nat(text.length - 2),
      length: fc.integer({ min: 1, max: 9 }),
      label: fc.constantFrom(...LABELS),
    })
    .map(({ start, length, label }) => ({ start, end: Math.min(text.length, start + length), label }));
}

function recordOf(document: string, annotator: string, spans: Span[], stance?: string): AnnotationRecord {
  const withIds = spans.map((s, j) => ({ ...s, id: `${annotator}${j}` }));
  return {
    document,
    annotator,
    textHash: 'h',
    codebookVersion: 1,
    status: 'done',
    spans: withIds,
    // every other span points at the first one: relation targets to count
    relations: withIds.slice(1, 3).map((s, j) => ({ from: s.id, to: withIds[0]!.id, type: j ? 'names' : 'blames' })),
    docLabels: stance ? { stance } : {},
    updatedAt: '',
  };
}

const worldArb: fc.Arbitrary<World> = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.tuple(...Array.from({ length: n }, (_, i) => documentArb(i))).chain((documents) =>
    fc
      .tuple(
        ...documents.flatMap((d) =>
          ['alice', 'bob'].map((annotator) =>
            fc
              .option(fc.tuple(fc.array(spanArb(d.text), { maxLength: 5 }), fc.constantFrom('pro', 'con', '')))
              .map((r) => (r ? recordOf(d.id, annotator, r[0], r[1]) : null)),
          ),
        ),
      )
      .map((records) => ({
        documents,
        // as a project lists them: by annotator, then document
        records: records
          .filter((r): r is AnnotationRecord => r !== null)
          .sort((a, b) => (a.annotator < b.annotator ? -1 : a.annotator > b.annotator ? 1 : 0)),
      })),
  ),
);

/** One edit of one document: its record changed, added or removed, or its outlet changed. */
type Edit = { pick: number; kind: 'spans' | 'remove' | 'add' | 'outlet'; spans: number[]; outlet: number };
const editArb: fc.Arbitrary<Edit> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('spans', 'remove', 'add', 'outlet'),
  spans: fc.array(fc.nat(), { maxLength: 4 }),
  outlet: fc.nat(OUTLETS.length - 1),
});

function applied(world: World, edit: Edit): { world: World; changed: Set<string> } {
  const doc = world.documents[edit.pick % world.documents.length]!;
  const changed = new Set([doc.id]);
  if (edit.kind === 'outlet') {
    const outlet = OUTLETS[edit.outlet];
    const documents = world.documents.map((d) =>
      d === doc ? { ...d, meta: { story: d.meta.story, ...(outlet !== undefined ? { outlet } : {}) } } : d,
    );
    return { world: { ...world, documents }, changed };
  }
  const mine = world.records.filter((r) => r.document === doc.id);
  const target = mine[edit.pick % Math.max(1, mine.length)];
  // span edits as the reader makes them: moved or relabelled, one deleted, one added
  const spansOf = (r: AnnotationRecord) =>
    edit.spans.map((k, j) => {
      const s = r.spans[k % Math.max(1, r.spans.length)] ?? { start: 0, end: 2, label: 'X' };
      return j % 2 ? { ...s, label: LABELS[k % LABELS.length]! } : { ...s, end: Math.min(doc.text.length, s.end + 1) };
    });
  let records = world.records;
  if (edit.kind === 'remove' && target) records = records.filter((r) => r !== target);
  else if (edit.kind === 'spans' && target)
    records = records.map((r) => (r === target ? recordOf(r.document, r.annotator, spansOf(r), 'pro') : r));
  else if (!mine.some((r) => r.annotator === 'carol'))
    records = [...records, recordOf(doc.id, 'carol', spansOf(target ?? recordOf(doc.id, 'carol', [])), 'con')];
  return { world: { ...world, records }, changed };
}

describe('updatedOutletTables', () => {
  it('equals the tables counted again after each of several edits, for every filter', () => {
    fc.assert(
      fc.property(
        worldArb,
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom({}, { label: 'X' }, { story: 's1' }),
        (start, edits, filter) => {
          let world = start;
          let report = outletTables(world.documents, world.records, filter);
          for (const edit of edits) {
            const next = applied(world, edit);
            const side = (w: World) => ({ corpus: textCorpus(w.documents), records: w.records });
            report = updatedOutletTables(report, side(world), side(next.world), next.changed, filter);
            expect(JSON.stringify(report)).toBe(
              JSON.stringify(outletTables(next.world.documents, next.world.records, filter)),
            );
            world = next.world;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses tables that were not counted from the documents as they were', () => {
    const documents = [{ id: 'd0', text: 'riot protest riot', meta: { outlet: 'A' } }];
    const records = [recordOf('d0', 'alice', [{ start: 0, end: 4, label: 'X' }])];
    const report = outletTables(documents, records, {});
    const side = { corpus: textCorpus(documents), records };
    const other = [recordOf('d0', 'alice', [{ start: 5, end: 12, label: 'Y' }])];
    expect(() => updatedOutletTables(report, { ...side, records: other }, side, new Set(['d0']), {})).toThrow(
      /the tables hold no Y/,
    );
  });
});
