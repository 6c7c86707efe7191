// A project from another tool → Frame Lens: who coded what, metadata from variables and cases, memos, stories.
import { describe, expect, it } from 'vitest';
import { parseQdpx, qdpxToFrameLens } from '../../../../src/core/formats/qdpx/index';
import { archive, G, qde } from './helpers';

function load(
  body: string,
  text = 'Protesters said the economy is failing.\nSecond line.',
  origin = 'MAXQDA 24',
  options = {},
) {
  const files = {
    'project.qde': qde(body, `name="t" origin="${origin}"`),
    [`sources/${G(3)}.txt`]: text,
    [`sources/${G(4)}.txt`]: 'Another article.',
  };
  return qdpxToFrameLens(parseQdpx(archive(files)).project, { file: 't.qdpx', ...options });
}

const USERS = `<Users><User guid="${G(1)}" name="Enric Llagostera"/><User guid="${G(2)}" name="bob@uni.edu"/></Users>`;
const CODES = `<CodeBook><Codes>
<Code guid="${G(10)}" name="Frames" isCodable="false" color="#abc">
  <Code guid="${G(11)}" name="Economic" isCodable="true"><Description>Money talk</Description></Code>
  <Code guid="${G(12)}" name="Other" isCodable="true"/>
</Code>
<Code guid="${G(13)}" name="Actors" isCodable="true"><Code guid="${G(14)}" name="Other" isCodable="true"/></Code>
</Codes></CodeBook>`;
const source = (selections: string, extra = '') =>
  `<TextSource guid="${G(3)}" name="Doc one" plainTextPath="internal://${G(3)}.txt">${selections}${extra}</TextSource>
<TextSource guid="${G(4)}" name="Doc two" plainTextPath="internal://${G(4)}.txt"/>`;
const sel = (n: number, start: number, end: number, codings: string, more = '') =>
  `<PlainTextSelection guid="${G(100 + n)}" startPosition="${start}" endPosition="${end}" creatingUser="${G(1)}">${more}${codings}</PlainTextSelection>`;
const coding = (n: number, code: number, user?: number, notes = '') =>
  `<Coding guid="${G(200 + n)}"${user ? ` creatingUser="${G(user)}"` : ''}><CodeRef targetGUID="${G(code)}"/>${notes}</Coding>`;

describe('users → annotators', () => {
  it('names become safe annotator names, each coder gets their spans', () => {
    const r = load(`${USERS}${CODES}<Sources>${source(sel(1, 0, 10, coding(1, 11, 1) + coding(2, 11, 2)))}</Sources>`);
    expect(r.lines.filter((l) => l.annotator).map((l) => [l.annotator, l.spans])).toEqual([
      ['Enric-Llagostera', [{ start: 0, end: 10, label: 'Economic' }]],
      ['bob-uni.edu', [{ start: 0, end: 10, label: 'Economic' }]],
    ]);
    expect(r.keep.users['Enric-Llagostera']).toEqual({ guid: G(1), name: 'Enric Llagostera' });
  });

  it('a coding without a user is the selection’s creator’s; with no one to name, it is refused', () => {
    const r = load(`${USERS}${CODES}<Sources>${source(sel(1, 0, 10, coding(1, 11)))}</Sources>`);
    expect(r.lines.find((l) => l.annotator)?.annotator).toBe('Enric-Llagostera');
    const orphan = `<PlainTextSelection guid="${G(101)}" startPosition="0" endPosition="5">${coding(1, 11)}</PlainTextSelection>`;
    expect(() => load(`${USERS}${CODES}<Sources>${source(orphan)}</Sources>`)).toThrow(
      `t.qdpx: coding ${G(201)} names no user and the project has several; name an annotator for it`,
    );
    expect(
      load(`${USERS}${CODES}<Sources>${source(orphan)}</Sources>`, undefined, undefined, {
        annotator: 'carol',
      }).lines.find((l) => l.annotator)?.annotator,
    ).toBe('carol');
  });

  it('another tool’s user called gold is not the adjudicated layer; two users of one name stay two', () => {
    const users = `<Users><User guid="${G(1)}" name="gold"/><User guid="${G(2)}" name="Ana"/><User guid="${G(5)}" name="ana"/></Users>`;
    const r = load(
      `${users}${CODES}<Sources>${source(sel(1, 0, 10, coding(1, 11, 1) + coding(2, 12, 2) + coding(3, 12, 5)))}</Sources>`,
    );
    expect(r.lines.filter((l) => l.annotator).map((l) => l.annotator)).toEqual(['Ana', 'ana-2', 'gold-user']);
    expect(r.warnings.join('\n')).toMatch(/a user named "gold" .* imported as gold-user/);
  });
});

describe('codes → labels', () => {
  it('ancestors become the group, colours are expanded, names that repeat are told apart', () => {
    const r = load(`${USERS}${CODES}`);
    expect(r.codebook.spanLabels.map((l) => [l.group, l.name])).toEqual([
      ['Frames', 'Economic'],
      ['Frames', 'Other'],
      [undefined, 'Actors'],
      ['Actors', 'Actors / Other'],
    ]);
    expect(r.codebook.spanLabels[0]).toMatchObject({ description: 'Money talk' });
    expect(r.keep.labels['Actors / Other']).toBe(G(14));
    expect(r.keep.groups.Frames).toBe(G(10));
  });

  it('a code marked not codable but used is still a label, with a warning', () => {
    const r = load(`${USERS}${CODES}<Sources>${source(sel(1, 0, 10, coding(1, 10, 1)))}</Sources>`);
    expect(r.codebook.spanLabels.find((l) => l.name === 'Frames')).toMatchObject({ color: '#aabbcc' });
    expect(r.warnings.join('\n')).toMatch(/codes marked not codable but used in codings imported as labels: 1/);
  });

  it('a coding of a whole document becomes a document label', () => {
    const r = load(`${USERS}${CODES}<Sources>${source('', coding(9, 11, 2))}</Sources>`);
    expect(r.lines.find((l) => l.annotator)).toMatchObject({
      annotator: 'bob-uni.edu',
      spans: [],
      docLabels: { Frames: ['Economic'] },
    });
    expect(r.codebook.docLabels).toEqual([{ name: 'Frames', kind: 'multiple', options: ['Economic'] }]);
  });

  it('an empty selection description (NVivo writes one on every selection) is no note and no memo', () => {
    const r = load(
      `${USERS}${CODES}<Sources>${source(
        sel(1, 0, 10, coding(1, 11, 1), '<Description />') +
          sel(2, 11, 15, coding(2, 12, 1), '<Description>said</Description>') +
          sel(3, 16, 19, '', '<Description></Description>'),
      )}</Sources>`,
    );
    const spans = r.lines.find((l) => l.annotator)?.spans;
    expect(spans).toEqual([
      { start: 0, end: 10, label: 'Economic' },
      { start: 11, end: 15, label: 'Other', note: 'said' },
    ]);
    expect(r.memos).toEqual([]);
  });

  it('an empty selection is skipped with a warning', () => {
    const r = load(`${USERS}${CODES}<Sources>${source(sel(1, 4, 4, coding(1, 11, 1)))}</Sources>`);
    expect(r.lines.every((l) => !l.annotator)).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/empty selections skipped: 1/);
  });
});

describe('variables, cases and sets → metadata and stories', () => {
  const VARS = `<Variables>
<Variable guid="${G(60)}" name="Outlet" typeOfVariable="Text"/><Variable guid="${G(61)}" name="Date" typeOfVariable="Date"/>
<Variable guid="${G(62)}" name="Region" typeOfVariable="Text"/><Variable guid="${G(63)}" name="publication_date" typeOfVariable="Text"/>
</Variables>`;
  const value = (v: number, kind: string, x: string) =>
    `<VariableValue><VariableRef targetGUID="${G(v)}"/><${kind}Value>${x}</${kind}Value></VariableValue>`;

  it('variables on the source and on its cases fill the metadata; the rest is kept for re-export', () => {
    const cases = `<Cases><Case guid="${G(70)}" name="Tehran">${value(62, 'Text', 'Middle East')}<SourceRef targetGUID="${G(3)}"/></Case></Cases>`;
    const r = load(
      `${USERS}${CODES}${VARS}${cases}<Sources>${source('', value(60, 'Text', 'IRNA') + value(61, 'Date', '2026-01-16') + value(63, 'Text', '16 Jan'))}</Sources>`,
    );
    expect(r.lines[0]).toMatchObject({ id: 'Doc-one', meta: { outlet: 'IRNA', published: '2026-01-16' } });
    expect(r.lines[0].meta.publishedRaw).toBeUndefined();
    expect(r.keep.documents['Doc-one']).toEqual({
      source: G(3),
      name: 'Doc one',
      variables: [
        { name: 'publication_date', type: 'Text', value: '16 Jan' },
        { name: 'Region', type: 'Text', value: 'Middle East' },
      ],
    });
    expect(r.warnings.join('\n')).toMatch(
      /variables that a metadata key already took kept aside: 1 \(first: publication_date\)/,
    );
  });

  it('a set of sources is a story; a source in two sets takes the first', () => {
    const sets = `<Sets><Set guid="${G(80)}" name="putin-call"><MemberSource targetGUID="${G(3)}"/><MemberSource targetGUID="${G(4)}"/></Set>
<Set guid="${G(81)}" name="other"><MemberSource targetGUID="${G(3)}"/></Set></Sets>`;
    const r = load(`${USERS}${CODES}<Sources>${source('')}</Sources>${sets}`);
    expect(r.lines.map((l) => [l.id, l.meta.story])).toEqual([
      ['Doc-one', 'putin-call'],
      ['Doc-two', 'putin-call'],
    ]);
    expect(r.warnings.join('\n')).toMatch(
      /sources in several sets: the first set is the story: 1 \(first: Doc-one: putin-call, other\)/,
    );
  });
});

describe('notes → memos and span notes', () => {
  const note = (n: number, text: string, user = 1) =>
    `<Note guid="${G(n)}" name="memo ${n}" creatingUser="${G(user)}" creationDateTime="2026-01-02T03:04:05Z"><PlainTextContent>${text}</PlainTextContent></Note>`;
  const NOTES = `<Notes>${note(81, 'on the project')}${note(82, 'on the document', 2)}${note(83, 'on the code')}${note(84, 'on the span')}${note(85, 'on a stretch')}${note(86, 'free')}</Notes><NoteRef targetGUID="${G(81)}"/>`;

  it('each note lands where it was attached, by its author', () => {
    const selections =
      sel(1, 0, 10, coding(1, 11, 1), `<Description>MAXQDA comment</Description><NoteRef targetGUID="${G(84)}"/>`) +
      `<PlainTextSelection guid="${G(102)}" startPosition="11" endPosition="15" creatingUser="${G(2)}"><NoteRef targetGUID="${G(85)}"/></PlainTextSelection>`;
    const codes = CODES.replace(
      '<Description>Money talk</Description>',
      `<Description>Money talk</Description><NoteRef targetGUID="${G(83)}"/>`,
    );
    const r = load(
      `${USERS}${codes}<Sources>${source(selections, `<NoteRef targetGUID="${G(82)}"/>`)}</Sources>${NOTES}`,
    );
    expect(r.lines.find((l) => l.annotator)?.spans).toEqual([
      { start: 0, end: 10, label: 'Economic', note: 'MAXQDA comment\n\non the span' },
    ]);
    expect(r.memos.map((m) => [m.text, m.annotator, m.target])).toEqual([
      ['on the project', 'Enric-Llagostera', { kind: 'project' }],
      ['on the code', 'Enric-Llagostera', { kind: 'label', label: 'Economic' }],
      ['on the document', 'bob-uni.edu', { kind: 'document', document: 'Doc-one' }],
      ['on a stretch', 'Enric-Llagostera', { kind: 'range', document: 'Doc-one', start: 11, end: 15 }],
      ['free', 'Enric-Llagostera', { kind: 'project' }],
    ]);
    expect(r.memos[0]).toMatchObject({ id: G(81), title: 'memo 81', createdAt: '2026-01-02T03:04:05Z' });
  });
});
