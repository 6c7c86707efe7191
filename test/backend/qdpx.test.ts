// REFI-QDA through the real importer and exporter: a project exported by NVivo opens with its coder's work and
// gives agreement figures, with its second user's coding in the same file or in a file of his own; Frame Lens → .qdpx → Frame Lens is the identity on documents, spans, annotators,
// the codebook and memos; a re-export writes the GUIDs it read; a broken archive changes nothing.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { projectAgreement } from '../../src/backend/agreement';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { projectSegments } from '../../src/backend/segments';
import { parseQdpx } from '../../src/core/formats/qdpx/index';
import { notXmlChar } from '../../src/core/formats/qdpx/xml';
import type { Memo, Span } from '../../src/core/model';
import { archive, enc, G, oneSource, selection } from '../core/formats/qdpx/helpers';
import { tempDir } from './helpers';

const NVIVO = join(import.meta.dirname, '..', 'fixtures', 'qdpx', 'nvivo-windows-12.6.qdpx');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('framelens-qdpx-')));
afterEach(() => cleanup());

/** Every file under a folder with its bytes, to show that nothing changed. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const name of await readdir(d)) {
      const p = join(d, name);
      if ((await stat(p)).isDirectory()) await walk(p);
      else out[p.slice(root.length)] = (await readFile(p)).toString('base64');
    }
  }
  await walk(root);
  return out;
}

/** What a project holds, without what the project assigns (span ids, timestamps, hashes). */
async function contents(project: Project) {
  const documents = [];
  for (const id of [...project.index.keys()].sort()) {
    const d = await project.getDocument(id);
    documents.push({ id, text: d.text, meta: d.meta });
  }
  const records = [];
  for (const a of await project.annotators())
    for (const r of await project.records(a))
      records.push({
        annotator: a,
        document: r.document,
        spans: r.spans.map(({ start, end, label, note }) => ({ start, end, label, ...(note ? { note } : {}) })),
      });
  const memos = (await project.memos()).map(({ updatedAt: _u, ...m }) => m).sort((x, y) => (x.id < y.id ? -1 : 1));
  const codebook = project.codebook.spanLabels.map(({ name, color, group, description }) => ({
    name,
    color: color.toLowerCase(),
    ...(group ? { group } : {}),
    ...(description ? { description } : {}),
  }));
  return { documents, records: records.filter((r) => r.spans.length), memos, codebook };
}

describe('a REFI-QDA project exported by NVivo for Windows 12.6', () => {
  it("opens with its coder's work, and gives agreement figures once a second coder has coded", async () => {
    const project = await Project.create(join(dir, 'p'), 'NVivo');
    const report = await importIntoProject(project, { paths: [NVIVO], format: 'qdpx' });
    expect(report.summary.documents.added).toBe(2);
    expect(await project.annotators()).toEqual(['Gergo']);
    const coded = await project.records('Gergo');
    expect(coded.map((r) => r.document)).toEqual(['videos_10_selected']);
    expect(coded[0].spans.length).toBeGreaterThan(250);
    expect(project.codebook.spanLabels.length).toBe(151);
    expect(project.codebook.spanLabels.some((l) => l.group)).toBe(true);

    // A second coder codes the same document: the spans of every other label, one shifted by a character.
    const doc = await project.getDocument('videos_10_selected');
    const theirs: Span[] = coded[0].spans
      .filter((_, i) => i % 2 === 0)
      .map(({ start, end, label }, i) => ({ start: i === 0 ? start + 1 : start, end, label }));
    await project.saveRecord({
      document: doc.id,
      annotator: 'bob',
      textHash: doc.textHash,
      status: 'done',
      spans: theirs,
      docLabels: {},
    });
    const agreement = await projectAgreement(project);
    expect(agreement.annotators).toEqual(['Gergo', 'bob']);
    const alpha = agreement.spans.alpha_u.overall;
    expect(alpha).not.toBeNull();
    expect(alpha as number).toBeLessThan(1);
    expect(alpha as number).toBeGreaterThan(-1);
    const pair = agreement.spans.pairs[0];
    // bob has about half of Gergo's spans, all but one exactly: F1 near 2/3.
    expect(pair.f1_exact.overall as number).toBeGreaterThan(0.6);
    expect(pair.f1_exact.overall as number).toBeLessThan(0.7);
  });

  it('exports back with the GUIDs it read, and that export opens unchanged', async () => {
    const project = await Project.create(join(dir, 'p'), 'NVivo');
    await importIntoProject(project, { paths: [NVIVO], format: 'qdpx' });
    const out = join(dir, 'back.qdpx');
    const exported = await exportProject(project, { format: 'qdpx', out });
    expect(exported.bytes).toBeGreaterThan(0);
    const original = parseQdpx(new Uint8Array(await readFile(NVIVO))).project;
    const back = parseQdpx(new Uint8Array(await readFile(out))).project;
    // The user who coded nothing is not an annotator of the project, so only the coder comes back.
    const coder = original.users.find((u) => u.name === 'Gergo')?.guid;
    expect(back.users.map((u) => u.guid)).toEqual([coder]);
    expect(back.sources.map((s) => s.guid).sort()).toEqual(original.sources.map((s) => s.guid).sort());
    const codes = (p: typeof original) =>
      JSON.stringify(p.codes ?? null)
        .match(/[0-9a-f]{8}-[0-9a-f-]{27}/gi)
        ?.sort();
    expect(codes(back)).toEqual(codes(original));

    const again = await Project.create(join(dir, 'q'), 'Again');
    await importIntoProject(again, { paths: [out], format: 'qdpx' });
    expect(await contents(again)).toEqual(await contents(project));
  });
});

const GERGO = '29518289-d0e3-447b-b7dd-ae1d8cd880a0';
const FLORIAN = 'eaac2cd0-f7f0-415a-abdd-ae1d8f6762de';
const SELECTION = /<PlainTextSelection .*?<\/PlainTextSelection>/gs;

/**
 * The NVivo project as its second user, floriansipos, would have coded it: every third of Gergo's passages
 * left uncoded, every fifth of the rest given another code. `together` puts both coders' codings in one
 * project.qde (a merged NVivo project, a MAXQDA team project); otherwise the file holds only florian's (his
 * own copy, exported on its own). Returns the archive and how many codings agree exactly.
 */
async function secondCoder(together: boolean): Promise<{ bytes: Uint8Array; coded: number; agreeing: number }> {
  const files = unzipSync(new Uint8Array(await readFile(NVIVO)));
  const qde = new TextDecoder().decode(files['project.qde']);
  const codes = [...qde.matchAll(/<Code guid="([^"]+)"[^>]*isCodable="true"/g)].map((m) => m[1]);
  const place = (sel: string) => sel.match(/startPosition="\d+" endPosition="\d+"/)?.[0] as string;
  // NVivo writes a passage coded with several codes as several selections: a changed code is one not used there.
  const usedAt = new Map<string, Set<string>>();
  for (const [sel] of qde.matchAll(SELECTION)) {
    const used = usedAt.get(place(sel)) ?? new Set<string>();
    for (const m of sel.matchAll(/targetGUID="([^"]+)"/g)) used.add(m[1]);
    usedAt.set(place(sel), used);
  }
  let k = 0;
  let coded = 0;
  let agreeing = 0;
  const changed = qde.replace(SELECTION, (sel) => {
    const i = k++;
    const coding = sel.match(/<Coding .*?<\/Coding>/s)?.[0] as string;
    if (i % 3 === 0) return together ? sel : '';
    const code = coding.match(/targetGUID="([^"]+)"/)?.[1] as string;
    const used = usedAt.get(place(sel)) as Set<string>;
    const other = i % 5 === 0 ? (codes.find((c) => !used.has(c)) as string) : code;
    used.add(other);
    coded++;
    if (other === code) agreeing++;
    const his = coding
      .replace(/guid="([0-9a-f]{8})/, 'guid="bbbbbbbb')
      .replace(`creatingUser="${GERGO}"`, `creatingUser="${FLORIAN}"`)
      .replace(`targetGUID="${code}"`, `targetGUID="${other}"`);
    return together ? sel.replace(coding, coding + his) : sel.replace(coding, his);
  });
  files['project.qde'] = new TextEncoder().encode(changed);
  return { bytes: zipSync(files), coded, agreeing };
}

describe('two coders of one NVivo project', () => {
  for (const together of [true, false])
    it(
      together
        ? 'in one exported file: each coder gets their spans and the pair gets agreement figures'
        : 'in two files, one per coder: both open into one project, on the same documents, with agreement figures',
      async () => {
        const project = await Project.create(join(dir, 'p'), 'Two coders');
        const { bytes, coded, agreeing } = await secondCoder(together);
        const file = join(dir, 'florian.qdpx');
        await writeFile(file, bytes);
        const report = await importIntoProject(project, { paths: together ? [file] : [NVIVO, file], format: 'qdpx' });
        expect(report.summary.documents.added).toBe(2);
        expect(await project.annotators()).toEqual(['floriansipos', 'Gergo'].sort());
        const gergo = (await project.records('Gergo'))[0].spans;
        const florian = (await project.records('floriansipos'))[0].spans;
        expect(gergo).toHaveLength(303);
        expect(florian).toHaveLength(coded);

        const agreement = await projectAgreement(project);
        expect(agreement.annotators).toEqual(['floriansipos', 'Gergo'].sort());
        const pair = agreement.spans.pairs[0];
        expect(pair.f1_exact.overall).toBeCloseTo((2 * agreeing) / (303 + coded), 10);
        const alpha = agreement.spans.alpha_u.overall as number;
        expect(alpha).toBeGreaterThan(0);
        expect(alpha).toBeLessThan(1);
      },
    );
});

describe("another tool's document variables", () => {
  it('that no metadata field takes show beside each coded segment of the document', async () => {
    const files = oneSource(
      'Rioters attacked banks.',
      `${selection(1, 0, 7)}<VariableValue><VariableRef targetGUID="${G(60)}"/><TextValue>North</TextValue></VariableValue>` +
        `<VariableValue><VariableRef targetGUID="${G(61)}"/><TextValue>Daily Planet</TextValue></VariableValue>`,
    );
    files['project.qde'] = files['project.qde'].replace(
      '<CodeBook>',
      `<Variables><Variable guid="${G(60)}" name="Region" typeOfVariable="Text"/>` +
        `<Variable guid="${G(61)}" name="Outlet" typeOfVariable="Text"/></Variables><CodeBook>`,
    );
    const file = join(dir, 'vars.qdpx');
    await writeFile(file, archive(files));
    const project = await Project.create(join(dir, 'p'), 'P');
    await importIntoProject(project, { paths: [file], format: 'qdpx' });
    const { segments } = await projectSegments(project, { labels: ['Frame'] });
    expect(segments).toHaveLength(1);
    expect(segments[0]).toMatchObject({
      text: 'Rioters',
      meta: { outlet: 'Daily Planet' },
      variables: { Region: 'North' },
    });
  });
});

const TEXTS = ['Rioters 😀 attacked banks.\r\nProtesters marched.', 'e\u0301lan <b>&amp;</b> تهران', 'short'];
const LABELS = ['Naming', 'Conflict', 'Human interest'];

const projectArb = fc.record({
  docs: fc.uniqueArray(fc.constantFrom(0, 1, 2), { minLength: 1, maxLength: 3 }),
  spans: fc.array(
    fc.record({
      annotator: fc.constantFrom('alice', 'bob'),
      doc: fc.nat(2),
      a: fc.nat(40),
      b: fc.nat(40),
      label: fc.constantFrom(...LABELS),
    }),
    { maxLength: 10 },
  ),
  memos: fc.array(
    fc.record({
      annotator: fc.constantFrom('alice', 'bob', 'carol'),
      on: fc.constantFrom('project', 'document', 'label', 'range'),
      doc: fc.nat(2),
      label: fc.constantFrom(...LABELS),
      text: fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => notXmlChar(s) === null),
      title: fc.option(fc.constantFrom('Why', 'Frames & outlets'), { nil: undefined }),
    }),
    { maxLength: 4 },
  ),
});

describe('Frame Lens → .qdpx → Frame Lens', () => {
  it('is the identity on documents, spans, annotators, the codebook and memos', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(projectArb, async (p) => {
        run++;
        const root = join(dir, `run${run}`);
        const source = await Project.create(join(root, 'a'), 'A');
        const docIds = p.docs.map((i) => `doc${i}`);
        const lines = p.docs.map((i) => JSON.stringify({ id: `doc${i}`, text: TEXTS[i], meta: { outlet: `O${i}` } }));
        const byRecord = new Map<string, { start: number; end: number; label: string }[]>();
        for (const s of p.spans) {
          const i = p.docs[s.doc % p.docs.length];
          const length = [...TEXTS[i]].length;
          const start = Math.min(s.a, s.b) % length;
          const end = Math.min(length, start + 1 + (Math.abs(s.b - s.a) % length));
          const key = `${s.annotator}\u0000doc${i}`;
          const list = byRecord.get(key) ?? [];
          if (!list.some((x) => x.start === start && x.end === end && x.label === s.label))
            list.push({ start, end, label: s.label });
          byRecord.set(key, list);
        }
        for (const [key, spans] of byRecord) {
          const [annotator, id] = key.split('\u0000');
          const i = Number(id.slice(3));
          lines.push(JSON.stringify({ id, text: TEXTS[i], annotator, status: 'done', spans }));
        }
        const jsonl = join(root, 'in.jsonl');
        await writeFile(jsonl, lines.join('\n'));
        await importIntoProject(source, { paths: [jsonl], format: 'jsonl' });
        await source.saveCodebook(
          {
            ...source.codebook,
            spanLabels: LABELS.map((name, k) => ({ name, color: `#00${k}0aa`, ...(k ? { group: 'Frames' } : {}) })),
          },
          source.codebook.version,
        );
        let n = 0;
        for (const m of p.memos) {
          const i = p.docs[m.doc % p.docs.length];
          const target: Memo['target'] =
            m.on === 'project'
              ? { kind: 'project' }
              : m.on === 'label'
                ? { kind: 'label', label: m.label }
                : m.on === 'document'
                  ? { kind: 'document', document: `doc${i}` }
                  : { kind: 'range', document: `doc${i}`, start: 0, end: 1 };
          n++;
          await source.saveMemo({
            id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
            annotator: m.annotator,
            target,
            text: m.text,
            ...(m.title ? { title: m.title } : {}),
            createdAt: '2024-05-01T10:00:00.000Z',
          });
        }
        const out = join(root, 'out.qdpx');
        await exportProject(source, { format: 'qdpx', out });
        const target = await Project.create(join(root, 'b'), 'B');
        await importIntoProject(target, { paths: [out], format: 'qdpx' });
        const before = await contents(source);
        const after = await contents(target);
        expect(after.documents).toEqual(before.documents);
        expect(after.records).toEqual(before.records);
        expect(after.memos).toEqual(before.memos);
        expect(after.codebook).toEqual(before.codebook);
        expect(docIds.every((id) => target.index.has(id))).toBe(true);
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});

/** A source file of ten million zeros whose central directory entry claims 5 bytes. */
function bomb(): Uint8Array {
  const files: Record<string, string | Uint8Array> = oneSource('hello', '');
  const name = Object.keys(files).find((n) => n.startsWith('sources/')) as string;
  files[name] = new Uint8Array(10_000_000);
  const zip = archive(files);
  const view = new DataView(zip.buffer, zip.byteOffset);
  for (let at = 0; at + 46 < zip.length; at++)
    if (view.getUint32(at, true) === 0x02014b50) {
      const length = view.getUint16(at + 28, true);
      if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) === name) view.setUint32(at + 24, 5, true);
    }
  return zip;
}

describe('a broken archive through the importer', () => {
  const withoutIsCodable = oneSource('hello', selection(1, 0, 5));
  withoutIsCodable['project.qde'] = withoutIsCodable['project.qde'].replace(' isCodable="true"', '');
  const cases: [string, Uint8Array, RegExp][] = [
    ['not a zip', enc('plain text, not an archive'), /zip/i],
    ['no project.qde', archive({ 'other.txt': 'x' }), /project\.qde/],
    ['XML that breaks the schema', archive(withoutIsCodable), /Code lacks the required attribute isCodable/],
    ['a selection outside its source', archive(oneSource('hello', selection(1, 2, 9))), /lies outside its source/],
    ['a zip-slip path', archive({ ...oneSource('hello', ''), '../evil.txt': 'x' }), /\.\.|path/i],
    ['a zip bomb', bomb(), /larger than its header says/],
  ];
  for (const [what, bytes, reason] of cases)
    it(`refuses ${what} in one line and changes nothing`, async () => {
      const project = await Project.create(join(dir, 'p'), 'P');
      const jsonl = join(dir, 'in.jsonl');
      await writeFile(jsonl, JSON.stringify({ id: 'doc1', text: 'Kept as it is.' }));
      await importIntoProject(project, { paths: [jsonl], format: 'jsonl' });
      const before = await snapshot(project.layout.root);
      const file = join(dir, 'broken.qdpx');
      await writeFile(file, bytes);
      const error = await importIntoProject(project, { paths: [file], format: 'qdpx' }).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error?.message).toMatch(reason);
      expect(error?.message).not.toContain('\n');
      expect(await snapshot(project.layout.root)).toEqual(before);
    });
});
