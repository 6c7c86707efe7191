import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../backend/helpers';

// Every test here starts several CLI processes; on a loaded machine each start takes seconds.
vi.setConfig({ testTimeout: 120_000 });

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'framelens.js');
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FRAMELENS_CONFIG_DIR: join(dir, 'cfg') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('framelens CLI', () => {
  it('init, import txt and jsonl, stats --json, export jsonl', async () => {
    const p = join(dir, 'proj');
    expect(run('init', p, '--name', 'Study').code).toBe(0);
    await writeFile(join(dir, 'article111111111.txt'), 'Rioters attacked.\n');
    expect(run('import', p, join(dir, 'article111111111.txt')).code).toBe(0);
    await writeFile(
      join(dir, 'a.jsonl'),
      JSON.stringify({
        id: 'article111111111',
        text: 'Rioters attacked.\n',
        annotator: 'alice',
        spans: [{ start: 0, end: 7, label: 'Naming' }],
      }),
    );
    const imp = run('import', p, join(dir, 'a.jsonl'));
    expect(imp.out).toMatch(/added span labels to the codebook: Naming/);
    const stats = JSON.parse(run('stats', p, '--json').out);
    expect(stats).toMatchObject({ documents: 1, annotators: ['alice'], spans: 1, labels: { Naming: 1 } });
    const out = join(dir, 'out.jsonl');
    expect(run('export', p, '--format', 'jsonl', '--out', out).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ id: 'article111111111', annotator: 'alice' });
  });

  it('fails with one line naming file and line, no stack, and a non-zero status', async () => {
    const p = join(dir, 'proj');
    run('init', p);
    await writeFile(join(dir, 'bad.jsonl'), '{"id":"ok","text":"x"}\n{"id": "x", "text": }\n');
    const before = await readdir(join(p, 'documents'));
    const r = run('import', p, join(dir, 'bad.jsonl'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad\.jsonl:2: not valid JSON/);
    expect(await readdir(join(p, 'documents'))).toEqual(before);
    const verbose = run('import', p, join(dir, 'bad.jsonl'), '--verbose');
    expect(verbose.err.split('\n').length).toBeGreaterThan(2);
  });

  it('starts a project from a codebook file: a bare codebook or another project\u2019s codebook.json', async () => {
    const bare = join(dir, 'bare.json');
    await writeFile(bare, JSON.stringify({ spanLabels: [{ name: 'Naming', color: '#123456' }], docLabels: [] }));
    expect(run('init', join(dir, 'a'), '--codebook', bare).code).toBe(0);
    const copied = JSON.parse(await readFile(join(dir, 'a', 'codebook.json'), 'utf8'));
    expect(copied.codebook.spanLabels).toEqual([{ name: 'Naming', color: '#123456' }]);
    expect(run('init', join(dir, 'b'), '--codebook', join(dir, 'a', 'codebook.json')).code).toBe(0);
    await writeFile(bare, '{"spanLabels": [{"name": "Naming", "color": "red"}], "docLabels": []}');
    const refused = run('init', join(dir, 'c'), '--codebook', bare);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/bare\.json: .*colour must be #rrggbb/);
  });

  it('starts a project from a REFI-QDA .qdc, exports it with the same GUIDs, and refuses a broken one leaving no folder', async () => {
    const g1 = '6a1e4d5c-0000-4000-8000-000000000001';
    const g2 = '6a1e4d5c-0000-4000-8000-000000000002';
    const qdc = join(dir, 'codes.qdc');
    await writeFile(
      qdc,
      `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="MAXQDA 24"><Codes>` +
        `<Code guid="${g1}" name="Conflict" isCodable="true" color="#AA0000"><Description>Clash between actors</Description>` +
        `<Code guid="${g2}" name="Blame" isCodable="true" color="#00AA00"/></Code></Codes></CodeBook>`,
    );
    const r = run('init', join(dir, 'a'), '--codebook', qdc);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const labels = JSON.parse(await readFile(join(dir, 'a', 'codebook.json'), 'utf8')).codebook.spanLabels;
    expect(labels.map((l: { name: string }) => l.name).sort()).toEqual(['Blame', 'Conflict']);
    expect(labels.find((l: { name: string }) => l.name === 'Conflict').description).toBe('Clash between actors');
    const back = join(dir, 'back.qdc');
    expect(run('export', join(dir, 'a'), '--format', 'qdc', '--out', back).code).toBe(0);
    const written = await readFile(back, 'utf8');
    expect(written).toContain(`guid="${g1}"`);
    expect(written).toContain(`guid="${g2}"`);

    await writeFile(
      join(dir, 'bad.qdc'),
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code/></Codes></CodeBook>',
    );
    const refused = run('init', join(dir, 'b'), '--codebook', join(dir, 'bad.qdc'));
    expect(refused.code).toBe(1);
    expect(refused.err.trim().split('\n')).toHaveLength(1);
    expect(refused.err).toMatch(/bad\.qdc/);
    await expect(readdir(join(dir, 'b'))).rejects.toThrow();

    // A REFI-QDA codebook saved as .xml is read as one; a whole project (.qdpx) is refused in one line.
    const xml = join(dir, 'codes.xml');
    await writeFile(xml, `\uFEFF${await readFile(qdc, 'utf8')}`);
    expect(run('init', join(dir, 'x'), '--codebook', xml).code).toBe(0);
    const fromXml = JSON.parse(await readFile(join(dir, 'x', 'codebook.json'), 'utf8')).codebook.spanLabels;
    expect(fromXml.map((l: { name: string }) => l.name).sort()).toEqual(['Blame', 'Conflict']);
    const project = join(dir, 'project.qdpx');
    await writeFile(project, new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]));
    const notCodebook = run('init', join(dir, 'y'), '--codebook', project);
    expect(notCodebook.code).toBe(1);
    expect(notCodebook.err.trim().split('\n')).toHaveLength(1);
    expect(notCodebook.err).toMatch(/project\.qdpx is a zip archive .*not a codebook.*framelens import/);
    await expect(readdir(join(dir, 'y'))).rejects.toThrow();
  }, 180_000);

  it('exports a .qdpx saying its size and what REFI-QDA could not carry', async () => {
    const p = join(dir, 'proj');
    run('init', p);
    await writeFile(
      join(dir, 'a.jsonl'),
      JSON.stringify({
        id: 'article111111111',
        text: 'Rioters attacked the police.\n',
        annotator: 'alice',
        status: 'done',
        spans: [
          { start: 0, end: 7, label: 'Naming' },
          { start: 8, end: 16, label: 'Violence' },
        ],
      }),
    );
    expect(run('import', p, join(dir, 'a.jsonl')).code).toBe(0);
    const out = join(dir, 'out.qdpx');
    const r = run('export', p, '--format', 'qdpx', '--out', out);
    expect(r.code).toBe(0);
    const size = (await readFile(out)).length;
    expect(r.out.trim()).toBe(`wrote ${size} bytes to ${out}`);
    expect(r.err).toContain('not carried by qdpx: record status (todo, done, skipped): 1');
    expect(r.err).toContain('not carried by qdpx: span ids (a new id is given on import): 2');
  });

  it('has --help on every command', () => {
    for (const cmd of ['init', 'import', 'export', 'stats', 'serve']) {
      const r = run(cmd, '--help');
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toMatch(new RegExp(`Usage: framelens ${cmd}`));
    }
  });

  it('refuses unknown formats and a bad project folder clearly', () => {
    expect(run('export', dir, '--format', 'jsonl', '--out', join(dir, 'x')).err).toMatch(/not a Frame Lens project/);
    expect(run('import', dir, 'x.foo', '--format', 'foo').err).toMatch(
      /--format foo: unknown import format \(known: txt, html, jsonl/,
    );
  });
});

describe('framelens agreement', () => {
  const SAMPLE = join(import.meta.dirname, '..', '..', 'annotations');

  it('prints the DEFINITIONS.md shape for the sample project', () => {
    const r = run('agreement', SAMPLE, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.annotators).toEqual(['alice', 'bob']);
    expect(report.documents).toBe(2);
    expect(Object.keys(report.spans.alpha_u.per_label).sort()).toEqual([...report.labels].sort());
    expect(report.spans.pairs).toHaveLength(1);
    expect(report.spans.pairs[0]).toMatchObject({ a: 'alice', b: 'bob', documents: 2 });
    for (const key of ['f1_exact', 'f1_overlap', 'cohen_kappa_char'])
      expect(Object.keys(report.spans.pairs[0][key])).toEqual(['overall', 'per_label']);
    expect(typeof report.spans.alpha_u.overall).toBe('number');
    expect(report.document_labels.Stance).toHaveProperty('krippendorff_alpha');
    expect(report.document_labels.Frames).toHaveProperty('options');
  });

  it('refuses an unknown annotator or label in one line, and writes CSV tables', async () => {
    const bad = run('agreement', SAMPLE, '--annotators', 'alice,zed');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/unknown annotator "zed"/);
    expect(run('agreement', SAMPLE, '--labels', 'Nope').err).toMatch(/Nope/);
    const csv = join(dir, 'csv');
    expect(run('agreement', SAMPLE, '--csv', csv).code).toBe(0);
    expect((await readdir(csv)).sort()).toEqual(['per-document.csv', 'per-label.csv', 'per-pair.csv']);
  });
});

describe('framelens pack, merge and adjudicate', () => {
  it('packs an annotator, refuses a bad package in one line, and accepts unanimous spans into gold', {
    timeout: 120_000,
  }, async () => {
    const p = join(dir, 'proj');
    run('init', p);
    const line = (annotator: string, spans: unknown[]) =>
      JSON.stringify({ id: 'd1', text: 'Rioters attacked banks.', annotator, status: 'done', spans });
    await writeFile(
      join(dir, 'a.jsonl'),
      [
        line('alice', [{ start: 0, end: 7, label: 'N' }]),
        line('bob', [
          { start: 0, end: 7, label: 'N' },
          { start: 8, end: 16, label: 'N' },
        ]),
      ].join('\n'),
    );
    run('import', p, join(dir, 'a.jsonl'));
    const pkg = join(dir, 'alice.json');
    expect(run('pack', p, '--annotator', 'alice', '--out', pkg).code).toBe(0);
    expect(run('merge', p, pkg).out).toMatch(/merged 0 record\(s\); 1 unchanged/);
    await writeFile(join(dir, 'bad.json'), '{}');
    const bad = run('merge', p, join(dir, 'bad.json'));
    expect(bad.code).toBe(1);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const adj = run('adjudicate', p, '--accept-unanimous', '--by', 'lead');
    expect(adj.out).toMatch(/accepted 1 span\(s\) and 0 document label\(s\) into gold in 1 document/);
    const out = join(dir, 'gold.jsonl');
    run('export', p, '--format', 'jsonl', '--gold', '--out', out);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({
      annotator: 'gold',
      spans: [{ start: 0, end: 7, label: 'N' }],
    });
  });
});

describe('framelens outlets', () => {
  const SAMPLE = join(import.meta.dirname, '..', '..', 'annotations');

  it('prints the outlets shape: phrases per label per outlet, sorted by count then phrase', () => {
    const r = run('outlets', SAMPLE, '--json');
    expect(r.code).toBe(0);
    const { labels } = JSON.parse(r.out);
    const naming = labels['Unrest naming: neutral/legitimizing'];
    expect(Object.keys(naming).sort()).toEqual(['(unknown)', 'MENAFN']);
    for (const rows of Object.values(naming) as { phrase: string; count: number; documents: string[] }[][]) {
      for (let i = 1; i < rows.length; i++)
        expect(
          rows[i - 1].count > rows[i].count ||
            (rows[i - 1].count === rows[i].count && rows[i - 1].phrase < rows[i].phrase),
        ).toBe(true);
      for (const row of rows) expect(row.phrase).toBe(row.phrase.toLowerCase().replace(/\s+/g, ' ').trim());
    }
    expect(naming.MENAFN.some((row: { phrase: string }) => row.phrase === 'demonstrations')).toBe(true);
    const alice = JSON.parse(run('outlets', SAMPLE, '--json', '--annotator', 'alice').out);
    const total = (x: { labels: Record<string, Record<string, { count: number }[]>> }) =>
      Object.values(x.labels)
        .flatMap((o) => Object.values(o).flat())
        .reduce((n, row) => n + row.count, 0);
    expect(total(alice)).toBeLessThan(total(JSON.parse(r.out)));
    expect(run('outlets', SAMPLE, '--annotator', 'zed').err).toMatch(/no annotator "zed"/);
  });
});

describe('framelens adjudicate on a generated three-annotator corpus', () => {
  it('accepts what all (or --min 2) marked identically and leaves decided spans alone', {
    timeout: 120_000,
  }, async () => {
    const p = join(dir, 'proj');
    run('init', p);
    const lines: string[] = [];
    for (let d = 0; d < 5; d++)
      for (const a of ['ann', 'ben', 'cat']) {
        const spans = [{ start: 0, end: 3, label: 'X' }];
        if (a !== 'cat') spans.push({ start: 4, end: 7, label: 'Y' });
        if (a === 'ann') spans.push({ start: 8, end: 13, label: 'X' });
        lines.push(
          JSON.stringify({ id: `d${d}`, text: `one two three four ${d}`, annotator: a, status: 'done', spans }),
        );
      }
    await writeFile(join(dir, 'c.jsonl'), lines.join('\n'));
    expect(run('import', p, join(dir, 'c.jsonl')).code).toBe(0);
    const all = JSON.parse(run('adjudicate', p, '--accept-unanimous', '--by', 'lead', '--json').out);
    expect(all).toMatchObject({ documents: 5, accepted: 5, alreadyDecided: 0 });
    const two = JSON.parse(run('adjudicate', p, '--accept-unanimous', '--min', '2', '--by', 'lead', '--json').out);
    expect(two).toMatchObject({ accepted: 5, alreadyDecided: 5 });
    const gold = JSON.parse(await readFile(join(p, 'annotations', 'gold', 'd3.json'), 'utf8'));
    expect(gold.spans.map((s: { label: string }) => s.label)).toEqual(['X', 'Y']);
    expect(
      gold.decisions.every((d: { by: string; reason: string }) => d.by === 'lead' && d.reason === 'unanimous'),
    ).toBe(true);
    expect(run('adjudicate', p, '--min', '0', '--accept-unanimous').err).toMatch(/--min 0/);
  });

  it('import --json prints one summary object that adds up; flags come from the format registry', {
    timeout: 120_000,
  }, async () => {
    const p = join(dir, 'proj');
    run('init', p);
    const lines = ['alice', 'bob'].map((a) =>
      JSON.stringify({ id: 'c1', text: 'You idiot.', annotator: a, spans: [{ start: 4, end: 9, label: 'Insult' }] }),
    );
    lines.push(JSON.stringify({ id: 'c2', text: 'You idiot.' }));
    await writeFile(join(dir, 'c.jsonl'), `${lines.join('\n')}\n`);
    const r = run('import', p, join(dir, 'c.jsonl'), '--json');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(r.out);
    expect(report.summary.records).toEqual({ read: 3, imported: 2, merged: 1, refused: 0 });
    expect(report.summary.spans).toEqual({ read: 2, stored: 2 });
    expect(report.sameText).toEqual([{ id: 'c2', sameAs: 'c1' }]);
    const help = run('import', '--help').out;
    for (const flag of [
      '--annotator-from-folder',
      '--labels <value>',
      '--tag-columns <value>',
      '--annotator-from-file',
      '--drop <kinds>',
      '--verify',
    ])
      expect(help).toContain(flag);
    expect(run('import', p, join(dir, 'c.jsonl'), '--labels', 'x.tsv').err).toMatch(
      /--labels applies to ptc, not to jsonl/,
    );
    expect(run('export', '--help').out).toMatch(/--layout <value>.*\[doccano\]/s);
  });

  it('import --verify changes nothing and lists what would not come back; --drop names what may go', {
    timeout: 120_000,
  }, async () => {
    const p = join(dir, 'proj');
    run('init', p);
    const brat = join(dir, 'brat');
    await mkdir(brat);
    await writeFile(join(brat, 'a.txt'), 'Citibank paid Raul.');
    // A relation to an event has no place in Frame Lens (a relation between two T spans is kept).
    await writeFile(
      join(brat, 'a.ann'),
      'T1\tOrg 0 8\tCitibank\nT2\tPay 9 13\tpaid\nE1\tPay:T2\nR1\tPaid Arg1:T1 Arg2:E1\n',
    );
    const refused = run('import', p, brat, '--format', 'brat', '--annotator', 'al', '--drop', 'events');
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toMatch(
      /a\.ann:4: would drop 1 × relations Frame Lens cannot store .*--drop relations to import without them$/,
    );
    const verify = run(
      'import',
      p,
      brat,
      '--format',
      'brat',
      '--annotator',
      'al',
      '--drop',
      'events,relations',
      '--verify',
    );
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/verify: every span comes back identical when written back as brat/);
    expect(JSON.parse(run('stats', p, '--json').out).documents).toBe(0);
    expect(run('import', p, brat, '--format', 'brat', '--annotator', 'al', '--drop', 'events,relations').code).toBe(0);
    expect(JSON.parse(run('stats', p, '--json').out)).toMatchObject({ documents: 1, spans: 2 });
  });
});
