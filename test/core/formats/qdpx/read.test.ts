// project.qde → the intermediate: the schema's rules are checked, malformed archives are refused with one
// line that says what and where, and positions are read in the unit the writing tool used.
import { describe, expect, it } from 'vitest';
import { parseQdc, parseQdpx, positionUnitFor } from '../../../../src/core/formats/qdpx/archive';
import { archive, enc, G, oneSource, qde, selection } from './helpers';

const parse = (files: Record<string, string | Uint8Array>, options = {}) =>
  parseQdpx(archive(files), { file: 'study.qdpx', ...options });

describe('reading a project', () => {
  it('reads users, codes, sources, selections and codings', () => {
    const { project, warnings } = parse(oneSource('Protesters said things.', selection(1, 0, 10)));
    expect(project.users).toEqual([{ guid: G(1), name: 'Alice Smith' }]);
    expect(project.codes[0]).toMatchObject({ guid: G(2), name: 'Frame', isCodable: true, color: '#f00' });
    expect(project.sources[0].text).toBe('Protesters said things.');
    expect(project.sources[0].selections[0]).toMatchObject({
      start: 0,
      end: 10,
      codings: [{ code: G(2), creatingUser: G(1) }],
    });
    expect(warnings).toEqual([]);
  });

  it('drops a leading BOM from a source file (NVivo writes one) and does not count it', () => {
    const { project } = parse(oneSource('\uFEFFabc def', selection(1, 4, 7)));
    expect(project.sources[0].text).toBe('abc def');
    expect(project.sources[0].selections[0]).toMatchObject({ start: 4, end: 7 });
  });

  it('keeps CR LF, tabs and combining marks of the source file exactly', () => {
    const text = 'e\u0301te\u0301\r\n\tline two\r\n';
    expect(parse(oneSource(text, selection(1, 0, 5))).project.sources[0].text).toBe(text);
  });

  it('reads PlainTextContent, with escaped CR kept', () => {
    const files = oneSource('', '');
    files['project.qde'] = files['project.qde'].replace(
      /plainTextPath="[^"]*">/,
      '><PlainTextContent>a&#13;\nb &amp; c</PlainTextContent>',
    );
    expect(parse(files).project.sources[0].text).toBe('a\r\nb & c');
  });

  it('finds the sources folder whatever its case (MAXQDA: sources/, NVivo: Sources/)', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    const text = files[`sources/${G(3)}.txt`];
    delete files[`sources/${G(3)}.txt`];
    files[`Sources/${G(3)}.txt`] = text;
    expect(parse(files).project.sources[0].text).toBe('hello');
  });

  it('accepts one .qde named after the project (ATLAS.ti 26), saying so', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    files['Trial.qde'] = files['project.qde'];
    delete files['project.qde'];
    const { warnings } = parse(files);
    expect(warnings[0]).toBe('study.qdpx: the project file is Trial.qde, not project.qde at the root as REFI-QDA asks');
  });

  it('skips media sources and sources outside the archive with a warning, and still resolves references to them', () => {
    const files = oneSource(
      'hello',
      selection(1, 0, 5),
      `<Sets><Set guid="${G(50)}" name="Media"><MemberSource targetGUID="${G(40)}"/></Set></Sets>`,
    );
    files['project.qde'] = files['project.qde'].replace(
      '</TextSource>',
      `</TextSource><VideoSource guid="${G(40)}" path="relative://x.mp4"><VideoSelection guid="${G(41)}" begin="1" end="2"/></VideoSource>
<TextSource guid="${G(42)}" name="far" plainTextPath="absolute://C:/x.txt"/>`,
    );
    const { project, warnings } = parse(files);
    expect(project.sources.map((s) => s.name)).toEqual(['Doc one']);
    expect(warnings.join('\n')).toMatch(/VideoSources skipped/);
    expect(warnings.join('\n')).toMatch(/sources outside the archive skipped with their codings: 1 \(first: far/);
  });

  it('reads notes, sets, variables and cases', () => {
    const extra = `<Variables><Variable guid="${G(60)}" name="Outlet" typeOfVariable="Text"/></Variables>
<Cases><Case guid="${G(61)}" name="c"><VariableValue><VariableRef targetGUID="${G(60)}"/><TextValue>IRNA</TextValue></VariableValue><SourceRef targetGUID="${G(3)}"/></Case></Cases>`;
    const files = oneSource('hello', selection(1, 0, 5));
    files['project.qde'] = files['project.qde']
      .replace('<Sources>', `${extra}<Sources>`)
      .replace(
        '</Project>',
        `<Notes><Note guid="${G(70)}" name="m" creatingUser="${G(1)}"><PlainTextContent>memo</PlainTextContent></Note></Notes><NoteRef targetGUID="${G(70)}"/></Project>`,
      );
    const { project } = parse(files);
    expect(project.variables).toEqual([{ guid: G(60), name: 'Outlet', type: 'Text' }]);
    expect(project.cases[0].variableValues).toEqual([{ variable: G(60), type: 'Text', value: 'IRNA' }]);
    expect(project.notes[0]).toMatchObject({ guid: G(70), name: 'm', text: 'memo', creatingUser: G(1) });
    expect(project.noteRefs).toEqual([G(70)]);
  });
});

describe('positions', () => {
  const text = 'a😀b\r\ncd';
  it('REFI-QDA 1.5 counts code points', () => {
    const { project } = parse(oneSource(text, selection(1, 2, 3)));
    expect(project.sources[0].selections[0]).toMatchObject({ start: 2, end: 3 });
  });

  it('NVivo counts UTF-16 code units: converted to code points', () => {
    const files = oneSource(text, selection(1, 3, 4));
    files['project.qde'] = files['project.qde'].replace('origin="Test"', 'origin="NVivo for Windows 12.6"');
    const { project, positions, warnings } = parse(files);
    expect(positions).toEqual({ unit: 'utf16', crlfAsOne: false });
    expect(project.sources[0].selections[0]).toMatchObject({ start: 2, end: 3 });
    expect(warnings.at(-1)).toMatch(/positions read as UTF-16 code units/);
  });

  it('a UTF-16 position inside a surrogate pair is refused', () => {
    expect(() => parse(oneSource(text, selection(1, 2, 3)), { positions: 'utf16' })).toThrow(/splits a surrogate pair/);
  });

  it('ATLAS.ti counts a CR LF as one position', () => {
    const files = oneSource(text, selection(1, 4, 6));
    files['project.qde'] = files['project.qde'].replace('origin="Test"', 'origin="ATLAS.ti for Windows 23.2.3.27778"');
    const { project } = parse(files);
    expect([...text].slice(project.sources[0].selections[0].start, project.sources[0].selections[0].end).join('')).toBe(
      'cd',
    );
  });

  it('the tool is recognised from origin', () => {
    expect(positionUnitFor('MAXQDA 24 (Release 24.7.0)')).toEqual({ unit: 'codepoint', crlfAsOne: false });
    expect(positionUnitFor('NVivo for Mac 15.0.0').unit).toBe('utf16');
    expect(positionUnitFor('Frame Lens (positions: UTF-16 code units)').unit).toBe('utf16');
  });
});

describe('refusals: one line naming the file, the line and what is wrong', () => {
  it('an archive without project.qde', () => {
    expect(() => parse({ 'sources/a.txt': 'x' })).toThrow('study.qdpx: holds no project.qde');
  });

  it('a project.qde that is not UTF-8', () => {
    expect(() => parse({ 'project.qde': new Uint8Array([0x3c, 0x50, 0xe9, 0x3e]) })).toThrow(
      'study.qdpx/project.qde: not UTF-8 (byte 2 starts a malformed sequence)',
    );
  });

  it('XML that is not well-formed, at its line', () => {
    expect(() => parse({ 'project.qde': qde('<Users>\n<User guid="x">\n</Users>') })).toThrow(
      /^study\.qdpx\/project\.qde:5: not well-formed XML: unexpected close tag$/,
    );
  });

  it('a DOCTYPE (entity expansion is never attempted)', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE P [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Project name="&b;"/>';
    expect(() => parse({ 'project.qde': xml })).toThrow(/DOCTYPE declaration is not allowed/);
  });

  it('a root that is not Project, or in another namespace', () => {
    expect(() => parse({ 'project.qde': '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>' })).toThrow(
      /namespace urn:QDA-XML:codebook:1.0, not a REFI-QDA project/,
    );
    expect(() => parse({ 'project.qde': '<Projekt name="x"/>' })).toThrow(/the root element is Projekt, not Project/);
  });

  it('a missing required attribute', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    files['project.qde'] = files['project.qde'].replace(' isCodable="true"', '');
    expect(() => parse(files)).toThrow(/study\.qdpx\/project\.qde:4: Code lacks the required attribute isCodable/);
  });

  it('a GUID that is not a GUID', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    files['project.qde'] = files['project.qde'].replace(`<User guid="${G(1)}"`, '<User guid="user-1"');
    expect(() => parse(files)).toThrow(/User guid="user-1" is not a GUID/);
  });

  it('two elements with one GUID', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    files['project.qde'] = files['project.qde'].replace(`<Code guid="${G(2)}"`, `<Code guid="${G(1).toUpperCase()}"`);
    expect(() => parse(files)).toThrow(/GUID 00000000-0000-4000-8000-000000000001 of Code is already used by a User/);
  });

  it('a reference that does not resolve', () => {
    const files = oneSource('hello', selection(1, 0, 5).replace(`targetGUID="${G(2)}"`, `targetGUID="${G(9)}"`));
    expect(() => parse(files)).toThrow(`Coding ${G(201)} refers to code ${G(9)}, which the project does not define`);
  });

  it('a coding without its CodeRef', () => {
    const files = oneSource(
      'hello',
      `<PlainTextSelection guid="${G(101)}" startPosition="0" endPosition="1"><Coding guid="${G(201)}"/></PlainTextSelection>`,
    );
    expect(() => parse(files)).toThrow(/Coding .* lacks its CodeRef/);
  });

  it('a selection outside its source', () => {
    expect(() => parse(oneSource('hello', selection(1, 2, 9)))).toThrow(
      `study.qdpx/project.qde:6: PlainTextSelection ${G(101)} (startPosition 2, endPosition 9) of TextSource ${G(3)} ("Doc one") lies outside its source, whose text has 5 code points`,
    );
    expect(() => parse(oneSource('hello', selection(1, 3, 2)))).toThrow(/the positions are not an interval/);
    expect(() => parse(oneSource('hello', selection(1, -1, 2)))).toThrow(/not an interval/);
    expect(() => parse(oneSource('hello', selection(1, 0, 2).replace('"2"', '"2.5"')))).toThrow(
      /endPosition="2.5" is not an integer/,
    );
  });

  it('a source whose file is missing, or not UTF-8', () => {
    const files = oneSource('hello', selection(1, 0, 5));
    delete files[`sources/${G(3)}.txt`];
    expect(() => parse(files)).toThrow(`its text internal://${G(3)}.txt is not in the archive`);
    expect(() => parse({ ...oneSource('', ''), [`sources/${G(3)}.txt`]: new Uint8Array([0x66, 0xff]) })).toThrow(
      `study.qdpx/sources/${G(3)}.txt: not UTF-8 (byte 1 starts a malformed sequence)`,
    );
  });

  it('a source with neither text nor path', () => {
    const files = oneSource('hello', '');
    files['project.qde'] = files['project.qde'].replace(/ plainTextPath="[^"]*"/, '');
    expect(() => parse(files)).toThrow(/has neither PlainTextContent nor a plainTextPath/);
  });

  it('an XML deeper or larger than the limits', () => {
    const deep = `${'<Description>'.repeat(50)}${'</Description>'.repeat(50)}`;
    expect(() => parse({ 'project.qde': qde(deep) }, { limits: { maxDepth: 20 } })).toThrow(/nested deeper than 20/);
  });
});

describe('codebooks (.qdc)', () => {
  it('reads codes and sets, whatever version the namespace says (NVivo writes 1:0)', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="NVivo 12 For Mac"><Codes>
<Code guid="${G(1)}" name="A" isCodable="true" color="#46AA00"><Description>d</Description><Code guid="${G(2)}" name="B" isCodable="true"/></Code>
</Codes><Sets><Set guid="${G(3)}" name="group"><MemberCode guid="${G(1)}"/></Set></Sets></CodeBook>`;
    const { codebook } = parseQdc(enc(xml));
    expect(codebook.codes[0]).toMatchObject({ name: 'A', description: 'd', children: [{ name: 'B' }] });
    expect(codebook.sets[0].memberCodes).toEqual([G(1)]);
  });

  it('refuses a set member that is not a code of the codebook', () => {
    const xml = `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${G(1)}" name="A" isCodable="true"/></Codes><Sets><Set guid="${G(3)}" name="g"><MemberCode guid="${G(9)}"/></Set></Sets></CodeBook>`;
    expect(() => parseQdc(enc(xml), { file: 'book.qdc' })).toThrow(
      `book.qdc: Set ${G(3)} refers to code ${G(9)}, which the codebook does not define`,
    );
  });
});
