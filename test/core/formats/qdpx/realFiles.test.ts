// A real NVivo export opens with its coder's codings, in the right unit, and what Frame Lens writes is
// valid against the REFI-QDA schemas (checked with libxml2, the reference XML Schema validator).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import {
  frameLensToQdpx,
  parseQdpx,
  qdcFromCodebook,
  qdpxToFrameLens,
  writeQdc,
  writeQdpx,
} from '../../../../src/core/formats/qdpx/index';
import { spanText } from '../../../../src/core/text';
import { record, sampleInput } from '../helpers';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'qdpx');
const nvivo = () => new Uint8Array(readFileSync(join(FIXTURES, 'nvivo-windows-12.6.qdpx')));

/** Spans that run from the start of a line to its end: how this coder coded whole comments. */
function wholeLines(lines: { text: string; spans: { start: number; end: number }[] }[]): number {
  let n = 0;
  for (const l of lines) {
    const cps = [...l.text];
    for (const s of l.spans) if (cps[s.start - 1] === '\n' && (cps[s.end] === '\r' || cps[s.end] === undefined)) n++;
  }
  return n;
}

describe('NVivo for Windows 12.6 export', () => {
  const parsed = parseQdpx(nvivo(), { file: 'nvivo-windows-12.6.qdpx' });
  const mapped = qdpxToFrameLens(parsed.project, { file: 'nvivo-windows-12.6.qdpx' });

  it('opens with its users, codebook, texts and its coder’s 303 codings', () => {
    expect(parsed.project.origin).toBe('NVivo for Windows 12.6');
    expect(parsed.positions).toEqual({ unit: 'utf16', crlfAsOne: false });
    expect(Object.keys(mapped.keep.users).sort()).toEqual(['Gergo', 'floriansipos']);
    expect(mapped.codebook.spanLabels).toHaveLength(151);
    expect(mapped.codebook.spanLabels.find((l) => l.name === 'COVID')).toMatchObject({ group: '1. Oltás típusa' });
    const docs = [...new Set(mapped.lines.map((l) => l.id))];
    expect(docs).toEqual(['videos_selection', 'videos_10_selected']);
    const coded = mapped.lines.filter((l) => l.annotator);
    expect(coded.map((l) => `${l.id}/${l.annotator}`)).toEqual(['videos_10_selected/Gergo']);
    expect(coded[0].spans).toHaveLength(303);
    // Every selection carries an empty <Description />: none of them is a note.
    expect(coded[0].spans.filter((s) => s.note !== undefined)).toEqual([]);
    expect(coded[0].text.startsWith('\uFEFF')).toBe(false);
    expect(coded[0].text.includes('\r\n')).toBe(true);
    expect([...coded[0].text].some((c) => c.codePointAt(0)! > 0xffff)).toBe(true);
  });

  it('reads the positions as UTF-16 units: the coded comments start and end at line breaks', () => {
    const coded = mapped.lines.filter((l) => l.annotator);
    expect(wholeLines(coded)).toBe(274);
    // Read as REFI-QDA 1.5 says (code points), the same selections drift off the comments after the first emoji.
    const asCodePoints = qdpxToFrameLens(parseQdpx(nvivo(), { positions: 'codepoint' }).project).lines.filter(
      (l) => l.annotator,
    );
    expect(wholeLines(asCodePoints)).toBeLessThan(20);
    const first = coded[0].spans.find((s) => s.start > 3000)!;
    expect(spanText(coded[0].text, first)).toMatch(/^\S.*\S$/s);
  });

  it('written back and read again, the codings are the same', () => {
    const again = qdpxToFrameLens(parseQdpx(writeQdpx(parsed.project)).project);
    expect(again.lines).toEqual(mapped.lines);
    expect(again.codebook).toEqual(mapped.codebook);
  });
});

describe('what Frame Lens writes is valid against the REFI-QDA schemas', () => {
  const schema = (name: string) =>
    XsdValidator.fromDoc(XmlDocument.fromString(readFileSync(join(FIXTURES, name), 'utf8')));

  it('project.qde of a sample project with memos, notes, document labels and stories', () => {
    const input = sampleInput();
    input.documents[0].meta.story = 'putin-pezeshkian-call';
    const { project } = frameLensToQdpx({
      ...input,
      codebook: {
        spanLabels: [
          {
            name: 'Protest naming',
            color: '#c0392b',
            group: 'Naming',
            include: 'riots, unrest',
            examples: ['terrorist riots'],
          },
          { name: 'Economic', color: '#2980b9' },
          { name: 'Security and defense', color: '#27ae60', group: 'Naming' },
        ],
        docLabels: [
          { name: 'Stance', kind: 'single', options: ['critical', 'neutral'] },
          { name: 'Frames', kind: 'multiple', options: ['Economic', 'Security and defense'] },
        ],
      },
      memos: [
        {
          id: '0f8fad5b-d9cb-469f-a165-70867728950e',
          annotator: 'alice',
          target: { kind: 'project' },
          text: 'Project memo',
        },
        {
          id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
          annotator: 'bob',
          target: { kind: 'label', label: 'Economic' },
          text: 'x',
          createdAt: '2026-01-02T03:04:05.000Z',
        },
        {
          id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
          annotator: 'bob',
          target: { kind: 'range', document: 'article222', start: 0, end: 5 },
          text: 'y',
        },
        // A form feed cannot be written in XML: this note's text goes into a file of its own.
        {
          id: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
          annotator: 'alice',
          target: { kind: 'document', document: 'article111' },
          text: 'page\u000Cbreak',
        },
      ],
    });
    const files = unzipSync(writeQdpx(project));
    const doc = XmlDocument.fromBuffer(files['project.qde']);
    expect(() => schema('Project.xsd').validate(doc)).not.toThrow();
    expect(Object.keys(files).filter((f) => f.startsWith('sources/'))).toHaveLength(3 + 1);
    expect(new TextDecoder().decode(files['sources/6fa459ea-ee8a-3ca4-894e-db77e160355e.txt'])).toBe('page\u000Cbreak');
  });

  it('a .qdc', () => {
    const qdc = writeQdc(
      qdcFromCodebook({ spanLabels: [{ name: 'A', color: '#000000', group: 'G', description: 'd' }], docLabels: [] }),
    );
    expect(() => schema('Codebook.xsd').validate(XmlDocument.fromBuffer(qdc))).not.toThrow();
  });

  it('the validator does refuse what breaks the schema', () => {
    const { project } = frameLensToQdpx({
      documents: [{ id: 'a', text: 'abc', meta: {} }],
      records: [record('a', 'alice', [{ start: 0, end: 1, label: 'L' }])],
      codebook: { spanLabels: [{ name: 'L', color: '#000000' }], docLabels: [] },
    });
    project.users[0].guid = 'not-a-guid';
    const files = unzipSync(writeQdpx(project));
    expect(() => schema('Project.xsd').validate(XmlDocument.fromBuffer(files['project.qde']))).toThrow(/not-a-guid/);
  });
});
