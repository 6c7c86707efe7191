import { readdirSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { projectAgreement } from '../../src/backend/agreement';
import { exportProject } from '../../src/backend/exporter';
import { importIntoProject } from '../../src/backend/importer';
import { Project } from '../../src/backend/project';
import { agreementReport } from '../../src/core/agreement';
import type { AnnotationRecord } from '../../src/core/model';
import { mulberry32 } from '../../src/core/prng';
import { spanText } from '../../src/core/text';
import { sampleProject, tempDir } from './helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[p] = await readFile(p, 'utf8');
    }
  }
  await walk(root);
  return out;
}

describe('import', () => {
  it('imports txt files exactly (BOM, CRLF, non-NFC kept), and normalizes only when asked, saying what changed', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const raw = '\uFEFFLine one\r\nCafe\u0301\r\n';
    await writeFile(join(dir, 'article111111111.txt'), raw);
    await writeFile(join(dir, 'article2.txt'), raw);
    const report = await importIntoProject(project, { paths: [join(dir, 'article111111111.txt')], format: 'txt' });
    expect(report.documentsAdded).toEqual(['article111111111']);
    expect((await project.getDocument('article111111111')).text).toBe(raw);
    const normalized = await importIntoProject(project, {
      paths: [join(dir, 'article2.txt')],
      format: 'txt',
      normalize: true,
    });
    expect(normalized.normalized).toEqual([
      { id: 'article2', changes: ['byte order mark removed', 'line ends made LF', 'Unicode NFC applied'] },
    ]);
    expect((await project.getDocument('article2')).text).toBe('Line one\nCaf\u00e9\n');
  });

  it('keeps the text of annotated records exactly, so the offsets mean what the source meant', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = '\uFEFFFirst line\r\nterrorist riots Cafe\u0301 😀 \r\n';
    const start = [...text.slice(0, text.indexOf('terrorist'))].length;
    await writeFile(
      join(dir, 'a.jsonl'),
      JSON.stringify({ id: 'd', text, annotator: 'alice', spans: [{ start, end: start + 15, label: 'Naming' }] }),
    );
    await importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' });
    const doc = await project.getDocument('d');
    expect(doc.text).toBe(text);
    const record = await project.readRecord('alice', 'd');
    expect(spanText(doc.text, record!.spans[0])).toBe('terrorist riots');
    await expect(
      importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl', normalize: true }),
    ).rejects.toThrow(/--normalize applies to raw articles only/);
  });

  it('a failing import changes nothing, and says file and line', async () => {
    const project = await sampleProject(dir);
    const before = await snapshot(join(dir, 'p'));
    await writeFile(
      join(dir, 'bad.jsonl'),
      [
        JSON.stringify({
          id: 'new1',
          text: 'fine',
          annotator: 'carol',
          spans: [{ start: 0, end: 4, label: 'Brand new' }],
        }),
        JSON.stringify({ id: 'new2', text: 'short', annotator: 'carol', spans: [{ start: 0, end: 40, label: 'x' }] }),
      ].join('\n'),
    );
    await expect(importIntoProject(project, { paths: [join(dir, 'bad.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /bad\.jsonl:2: spans\[0\]: end 40 is past the end/,
    );
    expect(await snapshot(join(dir, 'p'))).toEqual(before);
    expect(project.codebook.spanLabels.map((l) => l.name)).toEqual(['Naming']);
  });

  it('refuses a document that exists with another text, and ids that differ only by case', async () => {
    const project = await sampleProject(dir);
    await writeFile(join(dir, 'x.jsonl'), JSON.stringify({ id: 'doc1', text: 'other text' }));
    await expect(importIntoProject(project, { paths: [join(dir, 'x.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /doc1 is already in the project with a different text/,
    );
    await writeFile(join(dir, 'y.jsonl'), JSON.stringify({ id: 'DOC1', text: 'other text' }));
    await expect(importIntoProject(project, { paths: [join(dir, 'y.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /only by case/,
    );
  });

  it('refuses a document repeated with a different text, and a second record of one annotator', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(
      join(dir, 'a.jsonl'),
      `${JSON.stringify({ id: 'd', text: 'a' })}\n${JSON.stringify({ id: 'd', text: 'b' })}\n`,
    );
    await expect(importIntoProject(project, { paths: [join(dir, 'a.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /a\.jsonl:2: .*different text/,
    );
    const line = JSON.stringify({ id: 'd', text: 'a', annotator: 'x', spans: [] });
    await writeFile(join(dir, 'b.jsonl'), `${line}\n${line}\n`);
    await expect(importIntoProject(project, { paths: [join(dir, 'b.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /b\.jsonl:2: a second record/,
    );
  });

  it('adds the labels and groups the codebook lacks and reports them', async () => {
    const project = await sampleProject(dir);
    await writeFile(
      join(dir, 'c.jsonl'),
      JSON.stringify({
        id: 'doc2',
        text: 'Demonstrations 😀 continued.',
        annotator: 'bob',
        spans: [{ start: 0, end: 14, label: 'Protest naming' }],
        doc_labels: { Frames: ['Economic'] },
      }),
    );
    const report = await importIntoProject(project, { paths: [join(dir, 'c.jsonl')], format: 'jsonl' });
    expect(report.addedSpanLabels).toEqual(['Protest naming']);
    expect(report.addedDocLabelGroups).toEqual(['Frames']);
    expect(report.documentsUnchanged).toEqual(['doc2']);
    expect((await Project.open(join(dir, 'p'))).codebook.docLabels.find((g) => g.name === 'Frames')?.kind).toBe(
      'multiple',
    );
  });

  it('treats imported HTML as text', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const text = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await writeFile(join(dir, 'h.jsonl'), JSON.stringify({ id: 'h', text }));
    await importIntoProject(project, { paths: [join(dir, 'h.jsonl')], format: 'jsonl' });
    expect((await project.getDocument('h')).text).toBe(text);
  });

  it('refuses binary files, naming the file, and changes nothing', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'a.txt'), 'A fine article.');
    await writeFile(join(dir, 'z.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]));
    await expect(importIntoProject(project, { paths: [dir], format: 'txt' })).rejects.toThrow(
      /z\.txt: holds NUL bytes/,
    );
    expect(project.index.size).toBe(0);
    expect(await readdir(project.layout.documentsDir)).toEqual([]);
  });

  it('shows a detected legacy encoding with a sample line and imports only once it is confirmed or named', async () => {
    const iconv = (await import('iconv-lite')).default;
    const project = await Project.create(join(dir, 'p'), 'P');
    const fa = 'اعتراضات در تهران ادامه دارد و قيمت‌ها بالا رفت. معترضان در خيابان‌ها تجمع كردند و پليس حضور داشت.';
    const path = join(dir, 'fa.txt');
    await writeFile(path, iconv.encode(fa, 'windows-1256'));
    const preview = await importIntoProject(project, { paths: [path], format: 'txt', dryRun: true });
    expect(preview.files[0]).toMatchObject({ encoding: 'windows-1256', needsConfirmation: true, sample: fa });
    await expect(importIntoProject(project, { paths: [path], format: 'txt' })).rejects.toThrow(
      /fa\.txt: is not UTF-8; it looks like windows-1256 .*--encoding windows-1256/,
    );
    expect(project.index.size).toBe(0);
    const report = await importIntoProject(project, {
      paths: [path],
      format: 'txt',
      confirmedEncodings: { [path]: 'windows-1256' },
    });
    expect(report.files[0]).toMatchObject({ encoding: 'windows-1256', how: 'confirmed' });
    expect((await project.getDocument('fa')).text).toBe(fa);
  });

  it('refuses a file with one stray byte, naming the byte and the line, instead of garbling it', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const csv = Buffer.concat([
      Buffer.from('id,text\nn1,"The president’s speech"\nn2,"bad '),
      Buffer.from([0xe9]),
      Buffer.from(' byte"\n'),
    ]);
    await writeFile(join(dir, 'news.csv'), csv);
    await expect(importIntoProject(project, { paths: [join(dir, 'news.csv')], format: 'csv' })).rejects.toThrow(
      /news\.csv: byte 46 \(line 3\) is not valid UTF-8/,
    );
    expect(project.index.size).toBe(0);
  });

  it('skips exact duplicates and flags near duplicates', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const body =
      'Russian President Vladimir Putin held a phone conversation with Iranian President Masoud Pezeshkian as widespread protests continue to shake Iran, escalating into deadly clashes and raising international concern across the region and beyond.';
    await writeFile(join(dir, 'a.txt'), body);
    await writeFile(join(dir, 'b.txt'), body);
    await writeFile(join(dir, 'c.txt'), `${body} Comments: none.`);
    const report = await importIntoProject(project, { paths: [dir], format: 'txt' });
    expect(report.documentsAdded).toEqual(['a', 'c']);
    expect(report.duplicates).toEqual([{ id: 'b', sameAs: 'a', file: join(dir, 'b.txt'), line: 0 }]);
    expect(report.refused).toEqual([
      { file: join(dir, 'b.txt'), line: 0, id: 'b', reason: 'same text as a (pass --keep-duplicates to import it)' },
    ]);
    expect(report.summary.records).toEqual({ read: 3, imported: 2, merged: 0, refused: 1 });
    expect(report.nearDuplicates.map((n) => [n.id, n.similarTo])).toEqual([['c', 'a']]);
  });

  it('cleans scraped text when asked, reports every removal, and reads the header', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const p1 =
      'Officials said on Friday that the protests over prices had spread to several cities across the country.';
    const raw = [
      'Protests spread',
      'M.U.H',
      '16/01/20267',
      p1,
      p1,
      'Legal Disclaimer:',
      'No warranty.',
      'CommentsNo comment',
    ].join('\n');
    await writeFile(join(dir, 'article1.txt'), raw);
    const dry = await importIntoProject(project, {
      paths: [join(dir, 'article1.txt')],
      format: 'txt',
      clean: true,
      dryRun: true,
    });
    expect(dry.preview[0].text).toBe(p1);
    expect(dry.cleanup[0].actions.map((a) => a.kind)).toEqual([
      'header',
      'header',
      'header',
      'duplicate-body',
      'boilerplate',
      'boilerplate',
    ]);
    expect(project.index.size).toBe(0);
    expect(await readdir(project.layout.documentsDir)).toEqual([]);
    const report = await importIntoProject(project, { paths: [join(dir, 'article1.txt')], format: 'txt', clean: true });
    const doc = await project.getDocument('article1');
    expect(doc.text).toBe(p1);
    expect(doc.meta).toMatchObject({ title: 'Protests spread', author: 'M.U.H', publishedRaw: '16/01/20267' });
    expect(report.warnings.join()).toMatch(/16\/01\/20267.*kept as written/);
  });

  it('imports HTML pages as text, scripts never run', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const para =
      '<p>Demonstrations continued in several cities as prices rose and the rial fell further against the dollar, officials said.</p>';
    await writeFile(
      join(dir, 'page1.html'),
      `<html><head><title>T</title><meta property="og:site_name" content="Outlet"><script>globalThis.__ran = 1</script></head><body><article>${para.repeat(4)}<p>&lt;script&gt;x&lt;/script&gt; <img src=x onerror="globalThis.__ran=2"></p></article></body></html>`,
    );
    await importIntoProject(project, { paths: [join(dir, 'page1.html')], format: 'html' });
    const doc = await project.getDocument('page1');
    expect(doc.meta.outlet).toBe('Outlet');
    expect(doc.text).toContain('<script>x</script>');
    expect((globalThis as { __ran?: number }).__ran).toBeUndefined();
  });
});

describe('generic JSON and JSONL of documents (scraper output)', () => {
  it('guesses the field mapping, shows it, and reads JSONL records', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(
      join(dir, 'scraped.jsonl'),
      [
        JSON.stringify({
          uid: 'a1',
          body: 'Protests continued in Tehran.',
          headline: 'Unrest',
          source: 'MENAFN',
          pubDate: '2026-01-19',
        }),
        JSON.stringify({
          uid: 'a2',
          body: 'Riots, said the other outlet.',
          headline: 'Riots',
          source: 'Press',
          pubDate: '16/01/20267',
        }),
      ].join('\n'),
    );
    const report = await importIntoProject(project, { paths: [join(dir, 'scraped.jsonl')], format: 'jsonl' });
    expect(report.csv?.mapping).toMatchObject({ id: 'uid', text: 'body', title: 'headline', date: 'pubDate' });
    expect((await project.getDocument('a1')).meta).toMatchObject({ title: 'Unrest', published: '2026-01-19' });
    expect((await project.getDocument('a2')).meta.publishedRaw).toBe('16/01/20267');
    expect(report.warnings.join()).toMatch(/dates kept as written .*\(first: line 2: 16\/01\/20267\)/);
  });

  it('reads a JSON array with a given mapping, and names the record that is wrong', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    await writeFile(join(dir, 'dump.json'), JSON.stringify([{ k: 'x1', t: 'First text.' }, { k: 'x2' }], null, 2));
    await expect(
      importIntoProject(project, { paths: [join(dir, 'dump.json')], format: 'jsonl', mapping: { id: 'k', text: 't' } }),
    ).rejects.toThrow(/dump\.json:6: field "t" \(text\) is not a string/);
    expect(project.index.size).toBe(0);
    await writeFile(join(dir, 'dump.json'), JSON.stringify([{ k: 'x1', t: 'First text.' }]));
    await importIntoProject(project, {
      paths: [join(dir, 'dump.json')],
      format: 'jsonl',
      mapping: { id: 'k', text: 't' },
    });
    expect((await project.getDocument('x1')).text).toBe('First text.');
  });
});

describe('ids are identity, and every record is accounted for', () => {
  // A coded comments corpus: a few hundred short comments, three raters each, where some different comments
  // share a text (a short insult posted twice under two ids), with CRLF, decomposed accents and emoji.
  function commentsCorpus() {
    const random = mulberry32(12);
    const pool = ['You idiot.', 'Go home\r\nnow!', 'Cafe\u0301 owners are thieves 😀', 'Nice try.', 'Liar', 'ok'];
    const raters = ['r1', 'r2', 'r3'];
    const lines: string[] = [];
    const raw: AnnotationRecord[] = [];
    const documents: { id: string; length: number }[] = [];
    for (let i = 0; i < 240; i++) {
      const text = i % 9 === 0 ? pool[i % pool.length] : `${pool[i % pool.length]} #${i}`;
      const id = `c${String(i).padStart(4, '0')}`;
      documents.push({ id, length: [...text].length });
      for (const r of raters) {
        const n = [...text].length;
        const start = Math.floor(random() * (n - 1));
        const end = start + 1 + Math.floor(random() * (n - start - 1));
        const spans = random() < 0.7 ? [{ start, end, label: random() < 0.5 ? 'Insult' : 'Threat' }] : [];
        const docLabels = { Toxic: random() < 0.5 ? 'yes' : 'no' };
        lines.push(JSON.stringify({ id, text, annotator: r, status: 'done', spans, doc_labels: docLabels }));
        raw.push({
          document: id,
          annotator: r,
          textHash: 'sha256:raw',
          codebookVersion: 0,
          status: 'done',
          spans,
          docLabels,
          updatedAt: '',
        });
      }
    }
    return { lines, raw, documents };
  }

  it('keeps every comment with all its records, and gives the agreement figures its raw data gives', async () => {
    const { lines, raw, documents } = commentsCorpus();
    const file = join(dir, 'comments.jsonl');
    await writeFile(file, `${lines.join('\n')}\n`);
    const project = await Project.create(join(dir, 'p'), 'Comments');
    const report = await importIntoProject(project, { paths: [file], format: 'jsonl' });
    expect(project.index.size).toBe(240);
    expect(report.sameText.length).toBeGreaterThan(0);
    expect(report.duplicates).toEqual([]);
    expect(report.summary.records).toEqual({ read: 720, imported: 240, merged: 480, refused: 0 });
    const spans = raw.reduce((n, r) => n + r.spans.length, 0);
    expect(report.summary.spans).toEqual({ read: spans, stored: spans });
    const fromRaw = agreementReport({
      documents,
      records: raw,
      docLabelGroups: [{ name: 'Toxic', kind: 'single', options: ['no', 'yes'] }],
      codebookLabels: ['Insult', 'Threat'],
    });
    expect(await projectAgreement(project)).toEqual(fromRaw);
  });

  it('counts a merged record and refuses empty documents by name', async () => {
    const project = await sampleProject(dir);
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'blank.txt'), ' \r\n ');
    await writeFile(join(dir, 'fine.txt'), 'A text.');
    const report = await importIntoProject(project, { paths: [dir], format: 'txt' });
    expect(report.documentsAdded).toEqual(['fine']);
    expect(report.refused.map((r) => [r.id, r.reason])).toEqual([
      ['blank', 'empty document (no text)'],
      ['empty', 'empty document (no text)'],
    ]);
    expect(report.summary.records).toEqual({ read: 3, imported: 1, merged: 0, refused: 2 });
  });

  it('refuses a record that would replace a different one, unless told to replace', async () => {
    const project = await sampleProject(dir);
    const line = {
      id: 'doc1',
      text: 'Rioters attacked banks. Protesters marched.',
      annotator: 'alice',
      status: 'done',
      spans: [{ start: 0, end: 7, label: 'Naming' }],
      doc_labels: { Stance: 'critical' },
    };
    await writeFile(join(dir, 'same.jsonl'), JSON.stringify(line));
    const same = await importIntoProject(project, { paths: [join(dir, 'same.jsonl')], format: 'jsonl' });
    expect(same.summary.annotationRecords).toEqual({ added: 0, replaced: 0, unchanged: 1 });
    await writeFile(join(dir, 'other.jsonl'), JSON.stringify({ ...line, spans: [] }));
    const before = await snapshot(join(dir, 'p'));
    await expect(importIntoProject(project, { paths: [join(dir, 'other.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /other\.jsonl:1: alice already has a different record of doc1 .*--replace/,
    );
    expect(await snapshot(join(dir, 'p'))).toEqual(before);
    const replaced = await importIntoProject(project, {
      paths: [join(dir, 'other.jsonl')],
      format: 'jsonl',
      replace: true,
    });
    expect(replaced.summary.annotationRecords.replaced).toBe(1);
    expect((await project.readRecord('alice', 'doc1'))?.spans).toEqual([]);
  });
});

describe('what a format cannot carry is never taken from the project', () => {
  it('a brat round trip of a record leaves it unchanged; a replace keeps its status, document labels and ids', async () => {
    const project = await sampleProject(dir);
    const out = join(dir, 'brat');
    await exportProject(project, { format: 'brat', out, annotator: 'alice' });
    const again = await importIntoProject(project, { paths: [out], format: 'brat', annotator: 'alice' });
    expect(again.summary.annotationRecords).toEqual({ added: 0, replaced: 0, unchanged: 1 });
    const ann = join(out, 'doc1.ann');
    await writeFile(ann, `${await readFile(ann, 'utf8')}T2\tNaming 24 34\tProtesters\n`);
    await importIntoProject(project, { paths: [out], format: 'brat', annotator: 'alice', replace: true });
    const record = await project.readRecord('alice', 'doc1');
    expect(record).toMatchObject({ status: 'done', docLabels: { Stance: 'critical' } });
    expect(record?.spans.map((s) => [s.start, s.end, s.label])).toEqual([
      [0, 7, 'Naming'],
      [24, 34, 'Naming'],
    ]);
  });
});

describe('nothing a format cannot hold is dropped silently', () => {
  it('stores brat relations by span id and adds their types to the codebook', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const corpus = join(dir, 'brat');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.txt'), 'Citibank paid Raul.');
    await writeFile(join(corpus, 'a.ann'), 'T1\tOrg 0 8\tCitibank\nT2\tPer 14 18\tRaul\nR1\tPaid Arg1:T1 Arg2:T2\t\n');
    const report = await importIntoProject(project, { paths: [corpus], format: 'brat', annotator: 'al' });
    expect(report.summary.relations).toEqual({ read: 1, stored: 1 });
    expect(report.addedRelationTypes).toEqual(['Paid']);
    expect((await project.readRecord('al', 'a'))?.relations).toEqual([{ from: 'T1', to: 'T2', type: 'Paid' }]);
  });

  it('refuses a brat relation to an event naming file and line, leaves no trace, and imports without it when told', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const corpus = join(dir, 'brat');
    await mkdir(corpus);
    await writeFile(join(corpus, 'a.txt'), 'Citibank paid Raul.');
    await writeFile(
      join(corpus, 'a.ann'),
      'T1\tOrg 0 8\tCitibank\nT2\tPay 9 13\tpaid\nE1\tPay:T2\nR1\tPaid Arg1:T1 Arg2:E1\n',
    );
    const before = await snapshot(join(dir, 'p'));
    await expect(
      importIntoProject(project, { paths: [corpus], format: 'brat', annotator: 'al', drop: ['events'] }),
    ).rejects.toThrow(
      /a\.ann:4: would drop 1 × relations .*\(first: R1 Paid T1 → E1 .*nothing was imported\. Pass --drop relations/,
    );
    expect(await snapshot(join(dir, 'p'))).toEqual(before);
    expect(await readdir(join(dir, 'p'))).not.toContain(expect.stringMatching(/^\.import-/));
    expect(await readdir(project.layout.annotationsDir)).toEqual([]);
    const report = await importIntoProject(project, {
      paths: [corpus],
      format: 'brat',
      annotator: 'al',
      drop: ['events', 'relations'],
    });
    expect(report.dropped.find((d) => d.kind === 'relations')).toMatchObject({ count: 1, allowed: true });
    expect((await project.readRecord('al', 'a'))?.spans.map((s) => [s.id, s.label])).toEqual([
      ['T1', 'Org'],
      ['T2', 'Pay'],
    ]);
  });
});

describe('other tools\u2019 files come back as those tools write them', () => {
  it('PTC: BOM articles and a non-NFC article keep every span on the official text; export is byte-identical', async () => {
    const project = await Project.create(join(dir, 'p'), 'PTC');
    const corpus = join(dir, 'ptc');
    await mkdir(corpus);
    const bom = '\uFEFFLetter to the Pope\n\nIt was a devastating letter, Vigano wrote.\n';
    const nfd = 'Pe\u0301rez said the Cardinal\u0301s "cover-up" was a lie.\nA lie!\n';
    await writeFile(join(corpus, 'article705.txt'), bom);
    await writeFile(join(corpus, 'article766.txt'), nfd);
    const span = (text: string, needle: string) => {
      const u = text.indexOf(needle);
      return `${[...text.slice(0, u)].length}\t${[...text.slice(0, u)].length + [...needle].length}`;
    };
    const labels = [
      `705\tLoaded_Language\t${span(bom, 'a devastating letter')}`,
      `705\tName_Calling,Labeling\t${span(bom, 'Letter')}`,
      `766\tLoaded_Language\t${span(nfd, 'lie')}`,
      `766\tExaggeration,Minimisation\t${span(nfd, '"cover-up"')}`,
      `766\tLoaded_Language\t${span(nfd, 'lie')}`,
    ].join('\n');
    await writeFile(join(corpus, 'train-task2-TC.labels'), `${labels}\n`);
    await importIntoProject(project, { paths: [corpus], format: 'ptc', annotator: 'gold' });
    const doc = await project.getDocument('article705');
    expect(doc.text).toBe(bom);
    const record = await project.readRecord('gold', 'article705');
    expect(record?.spans.map((s) => spanText(doc.text, s))).toEqual(['Letter', 'a devastating letter']);
    const out = join(dir, 'out');
    await exportProject(project, { format: 'ptc', out, gold: true });
    expect(await readFile(join(out, 'article705.txt'))).toEqual(await readFile(join(corpus, 'article705.txt')));
    expect(await readFile(join(out, 'article766.txt'))).toEqual(await readFile(join(corpus, 'article766.txt')));
    expect(await readFile(join(out, 'labels.tsv'), 'utf8')).toBe(`${labels}\n`);
  });

  it('doccano: an intent-detection export comes back in its own layout', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const file = join(dir, 'intent.jsonl');
    const example = {
      id: 1,
      text: 'Find a flight from Memphis to Tacoma',
      entities: [
        [0, 26, 'City'],
        [30, 36, 'City'],
      ],
      cats: ['flight'],
    };
    await writeFile(file, `${JSON.stringify(example)}\n`);
    const report = await importIntoProject(project, { paths: [file], format: 'doccano', annotator: 'al' });
    expect(report.detected).toEqual({ layout: 'entities-lists' });
    const out = join(dir, 'out.jsonl');
    await exportProject(project, { format: 'doccano', out, ...report.detected });
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ ...example, id: '1' });
  });

  it('CoNLL: the tokens given are stored and written back (U.N. and \u2019s stay whole)', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const file = join(dir, 'in.conll');
    const conll =
      "-DOCSTART- -X- -X- O\n\nThe DT B-NP O\nU.N. NNP I-NP B-ORG\n's POS B-NP O\nchief NN I-NP O\n. . O O\n\n";
    await writeFile(file, conll);
    await expect(importIntoProject(project, { paths: [file], format: 'conll', annotator: 'al' })).rejects.toThrow(
      /in\.conll:3: would drop 10 × CoNLL columns other than the token and the tag/,
    );
    await importIntoProject(project, { paths: [file], format: 'conll', annotator: 'al', drop: ['columns'] });
    const out = join(dir, 'out.conll');
    await exportProject(project, { format: 'conll', out });
    const tokens = (await readFile(out, 'utf8'))
      .split('\n')
      .filter((l) => l && !l.startsWith('-DOCSTART-'))
      .map((l) => l.split('\t'));
    expect(tokens).toEqual([
      ['The', 'O'],
      ['U.N.', 'B-ORG'],
      ["'s", 'O'],
      ['chief', 'O'],
      ['.', 'O'],
    ]);
  });

  it('--verify lists every span that would not come back identical, and nothing for a faithful format', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const file = join(dir, 'a.jsonl');
    await writeFile(
      file,
      JSON.stringify({
        id: 'd',
        text: 'A  riot.',
        annotator: 'al',
        spans: [{ id: 'T9', start: 1, end: 7, label: 'X' }],
      }),
    );
    const jsonl = await importIntoProject(project, { paths: [file], format: 'jsonl', dryRun: true, verify: true });
    expect(jsonl.verify).toEqual([]);
    const tsv = join(dir, 'd.tsv');
    await writeFile(
      tsv,
      '#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label\n\n\n#Text=A  riot.\n1-1\t0-1\tA\t_\n1-2\t3-7\triot\tX\n1-3\t7-8\t.\t_\n',
    );
    const webanno = await importIntoProject(project, {
      paths: [tsv],
      format: 'webanno-tsv',
      annotator: 'al',
      dryRun: true,
      verify: true,
    });
    expect(webanno.verify).toEqual([]);
  });
});

describe('new documents laid out by the import thread', () => {
  it('carry their text in their file alone, and the report still shows it', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const texts = ['First text, with "quotes" and a \\ backslash.', 'Second text 😀.'];
    await writeFile(join(dir, 'in.jsonl'), texts.map((text, i) => JSON.stringify({ id: `t${i}`, text })).join('\n'));
    const report = await importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' });
    expect(report.preview.map((p) => p.text)).toEqual(texts);
    expect((await project.getDocument('t1')).text).toBe(texts[1]);
  });
});

describe('records staged while the parse goes on', () => {
  it('carry the codebook version the import ends with, when a later line adds the first new label', async () => {
    const project = await sampleProject(dir);
    const before = project.codebook.version;
    const line = (id: string, label: string) =>
      JSON.stringify({ id, text: `Text of ${id}.`, annotator: 'carol', spans: [{ start: 0, end: 4, label }] });
    await writeFile(
      join(dir, 'late.jsonl'),
      [line('n1', 'Naming'), line('n2', 'Naming'), line('n3', 'Fresh')].join('\n'),
    );
    await importIntoProject(project, { paths: [join(dir, 'late.jsonl')], format: 'jsonl' });
    const reopened = await Project.open(project.layout.root);
    expect(reopened.codebook.version).toBe(before + 1);
    for (const id of ['n1', 'n2', 'n3'])
      expect((await reopened.readRecord('carol', id))?.codebookVersion, id).toBe(before + 1);
  });

  it('go with the staging when the import fails after them', async () => {
    const project = await sampleProject(dir);
    const before = await snapshot(join(dir, 'p'));
    await writeFile(
      join(dir, 'two.jsonl'),
      [
        JSON.stringify({ id: 'n1', text: 'One.', annotator: 'carol', spans: [{ start: 0, end: 3, label: 'Naming' }] }),
        JSON.stringify({ id: 'n1', text: 'Another.', annotator: 'dave' }),
      ].join('\n'),
    );
    await expect(importIntoProject(project, { paths: [join(dir, 'two.jsonl')], format: 'jsonl' })).rejects.toThrow(
      /two\.jsonl:2: document n1 appears again with a different text/,
    );
    expect(await snapshot(join(dir, 'p'))).toEqual(before);
  });
});

describe('an import beside other writes', () => {
  const doc2 = 'Demonstrations 😀 continued.';

  /**
   * Holds the project lock from before the import starts; when the import asks for it, `between` runs inside
   * that hold (a write landing after the import staged, before it commits), with the staged files listed.
   */
  async function importAround(
    project: Project,
    options: { replace?: boolean },
    between: (staged: string[]) => Promise<void>,
  ): Promise<{ outcome: Promise<Awaited<ReturnType<typeof importIntoProject>>> }> {
    await writeFile(
      join(dir, 'more.jsonl'),
      [
        JSON.stringify({ id: 'doc2', text: doc2, annotator: 'alice', spans: [{ start: 0, end: 14, label: 'Naming' }] }),
        JSON.stringify({ id: 'doc3', text: 'Police watched the square.' }),
      ].join('\n'),
    );
    const exclusive = project.exclusive.bind(project);
    let asked!: () => void;
    const atLock = new Promise<void>((resolve) => {
      asked = resolve;
    });
    vi.spyOn(project, 'exclusive').mockImplementation((fn) => {
      asked();
      return exclusive(fn);
    });
    let started!: () => void;
    const holding = new Promise<void>((resolve) => {
      started = resolve;
    });
    const hold = exclusive(async () => {
      started();
      await atLock;
      const staging = (await readdir(project.layout.root)).find(
        (n) => /^\.import-/.test(n) && n !== '.import-generation',
      );
      const staged: string[] = [];
      const walk = async (d: string, rel: string): Promise<void> => {
        for (const e of await readdir(d, { withFileTypes: true }))
          if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
          else staged.push(`${rel}${e.name}`);
      };
      if (staging) await walk(join(project.layout.root, staging), '');
      await between(staged.sort());
    });
    await holding;
    const outcome = importIntoProject(project, { paths: [join(dir, 'more.jsonl')], format: 'jsonl', ...options });
    outcome.catch(() => {});
    await hold;
    return { outcome };
  }

  const save = (project: Project, document: string, end: number) =>
    project.saveRecord({
      document,
      annotator: 'alice',
      textHash: project.entry(document).textHash,
      status: 'in_progress',
      spans: [{ start: 0, end, label: 'Naming' }],
      docLabels: {},
    });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('stages its records and index before it takes the lock, and a save of the same record meanwhile is kept', async () => {
    const project = await sampleProject(dir);
    let stagedAtLock: string[] = [];
    const { outcome } = await importAround(project, {}, async (staged) => {
      stagedAtLock = staged;
      await save(project, 'doc2', 5);
    });
    expect(stagedAtLock).toEqual(
      expect.arrayContaining(['annotations/alice/doc2.json', 'document-index.json', 'documents/doc3.json']),
    );
    await expect(outcome).rejects.toThrow(/more\.jsonl:1: alice already has a different record of doc2 .*--replace/);
    expect((await project.readRecord('alice', 'doc2'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 5]]);
    expect(project.index.has('doc3')).toBe(false);
    expect(await readdir(join(project.layout.root, 'documents'))).not.toContain('doc3.json');
    const reopened = await Project.open(project.layout.root);
    expect(reopened.index.has('doc3')).toBe(false);
    expect((await reopened.readRecord('alice', 'doc2'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 5]]);
    expect((await readdir(project.layout.root)).filter((n) => /^\.import-(?!generation)/.test(n))).toEqual([]);
  });

  it('replaces a record saved meanwhile only when told to, counting it as replaced, and keeps a save of another', async () => {
    const project = await sampleProject(dir);
    const { outcome } = await importAround(project, { replace: true }, async () => {
      await save(project, 'doc2', 5);
      await save(project, 'doc1', 3);
    });
    const report = await outcome;
    expect(report.summary.annotationRecords).toEqual({ added: 0, replaced: 1, unchanged: 0 });
    expect(report.warnings).toEqual([expect.stringMatching(/replaced alice's earlier record of doc2/)]);
    const reopened = await Project.open(project.layout.root);
    expect(reopened.index.has('doc3')).toBe(true);
    expect((await reopened.readRecord('alice', 'doc2'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 14]]);
    expect((await reopened.readRecord('alice', 'doc1'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 3]]);
  });

  it('writes its records under a codebook saved meanwhile, though it staged them while it read', async () => {
    const project = await sampleProject(dir);
    const before = project.codebook.version;
    const { outcome } = await importAround(project, {}, async () => {
      const { spanLabels } = project.codebook;
      await project.saveCodebook(
        { ...project.codebook, spanLabels: [...spanLabels, { ...spanLabels[0], name: 'Extra' }] },
        before,
      );
    });
    await outcome;
    const reopened = await Project.open(project.layout.root);
    expect(reopened.codebook.version).toBe(before + 1);
    expect((await reopened.readRecord('alice', 'doc2'))?.codebookVersion).toBe(before + 1);
  });

  it('commits what it staged when the writes meanwhile touched nothing it writes', async () => {
    const project = await sampleProject(dir);
    const { outcome } = await importAround(project, {}, async () => {
      await save(project, 'doc1', 3);
    });
    const report = await outcome;
    expect(report.summary.annotationRecords).toEqual({ added: 1, replaced: 0, unchanged: 0 });
    const reopened = await Project.open(project.layout.root);
    expect(reopened.index.has('doc3')).toBe(true);
    expect((await reopened.readRecord('alice', 'doc2'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 14]]);
    expect((await reopened.readRecord('alice', 'doc1'))?.spans.map((s) => [s.start, s.end])).toEqual([[0, 3]]);
  });
});

describe('what an import keeps of the records it wrote', () => {
  it('serves the first export and document list after it without reading those files, as a fresh open reads them', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const lines = [
      {
        id: 'a1',
        text: 'Riots in Tehran, said the statement.',
        annotator: 'alice',
        status: 'done',
        spans: [
          { start: 0, end: 5, label: 'Naming', note: 'loaded word' },
          { start: 9, end: 15, label: 'Place' },
        ],
        relations: [{ from: 0, to: 1, type: 'locates' }],
        doc_labels: { Stance: 'critical', Frames: ['Security', 'Economic'] },
      },
      { id: 'a1', text: 'Riots in Tehran, said the statement.', annotator: 'bob', spans: [] },
      { id: 'a2', text: 'Protest in Moscow.', annotator: 'alice', spans: [{ start: 0, end: 7, label: 'Naming' }] },
      { id: 'a3', text: 'No annotations here.' },
    ];
    await writeFile(join(dir, 'in.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    await importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' });

    await exportProject(project, { format: 'jsonl', out: join(dir, 'after-import.jsonl') });
    const listed = await project.allSummaries();
    expect(project.recordFileCache.reads).toBe(0);
    expect(project.summaryCache.reads).toBe(0);

    const fresh = await Project.open(project.layout.root);
    await exportProject(fresh, { format: 'jsonl', out: join(dir, 'fresh.jsonl') });
    expect(await readFile(join(dir, 'after-import.jsonl'), 'utf8')).toBe(
      await readFile(join(dir, 'fresh.jsonl'), 'utf8'),
    );
    expect(await fresh.allSummaries()).toEqual(listed);
    expect(await project.records('alice')).toEqual(await fresh.records('alice'));
    expect(await project.records('bob')).toEqual(await fresh.records('bob'));
  });

  it('reads a record again when it was saved over after the import', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const line = {
      id: 'a1',
      text: 'Riots in Tehran.',
      annotator: 'alice',
      spans: [{ start: 0, end: 5, label: 'Naming' }],
    };
    await writeFile(join(dir, 'in.jsonl'), `${JSON.stringify(line)}\n`);
    await importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' });
    const other = await Project.open(project.layout.root);
    const stored = await other.readRecord('alice', 'a1');
    await other.saveRecord({ ...(stored as AnnotationRecord), status: 'done', spans: [] });
    const records = await project.records('alice');
    expect(records.map((r) => [r.document, r.status, r.spans.length])).toEqual([['a1', 'done', 0]]);
    expect(project.recordFileCache.reads).toBe(1);
  });
});

describe('new documents put in place before the commit', () => {
  it('are linked while the parse goes on, and taken back when the import fails after them', async () => {
    const project = await Project.create(join(dir, 'p'), 'P');
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `d${i}`, text: `Text number ${i}.` }));
    lines.push(JSON.stringify({ id: 'd0', text: 'Another text.' }));
    await writeFile(join(dir, 'in.jsonl'), `${lines.join('\n')}\n`);
    const before = await snapshot(project.layout.root);
    let placedAt300 = 0;
    const onProgress = (read: number) => {
      if (read === 300) placedAt300 = readdirSync(join(project.layout.root, 'documents')).length;
    };
    await expect(
      importIntoProject(project, { paths: [join(dir, 'in.jsonl')], format: 'jsonl' }, { onProgress }),
    ).rejects.toThrow(/in\.jsonl:401: document d0 appears again with a different text/);
    // At most a few writes are in flight at once: the documents read before them are in place.
    expect(placedAt300).toBeGreaterThan(250);
    expect(await snapshot(project.layout.root)).toEqual(before);
  });
});
