// Reliability rounds on a project folder: the files they keep, blind views while a round is open, codebook
// edits recorded with a reason, training against gold and the minimum to join the main coding.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FrameLensService } from '../../src/backend/service';
import type { AnnotationRecord } from '../../src/core/model';
import { changelogEntrySchema, studyFileSchema } from '../../src/core/study/schema';
import { tempDir } from './helpers';
import { studyProject, textOf } from './studyProject';

let dir: string;
let root: string;
let cleanup: () => Promise<void>;
let service: FrameLensService;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await studyProject(dir);
  root = join(dir, 'p');
  service = await FrameLensService.start({ projectDir: root, configDir: join(dir, 'cfg') });
});
afterEach(() => cleanup());

const main = { name: 'R1', kind: 'main' as const, coders: ['alice', 'bob'], size: 12, seed: 5 };

async function files(sub = ''): Promise<string[]> {
  return (await readdir(join(root, sub)).catch(() => [] as string[])).sort();
}

async function save(annotator: string, document: string, spans: { start: number; end: number; label: string }[]) {
  const doc = await service.getDocument(document);
  return service.saveAnnotations({ document, annotator, textHash: doc.textHash, status: 'done', spans, docLabels: {} });
}

describe('study files', () => {
  it('a project without a study opens unchanged and reads as having no rounds; reading writes nothing', async () => {
    const before = await files();
    const status = await service.study();
    expect(status).toMatchObject({ rounds: [], changelog: [], admission: [], documents: 40, undrawn: 40 });
    await service.listAnnotations('doc-000', 'bob');
    await service.saveCodebook(service.current().codebook, service.current().codebook.version);
    expect(await files()).toEqual(before);
  });

  it('creating a round writes study.json (with a key for its files) and keeps the frozen codebook version', async () => {
    const version = service.current().codebook.version;
    const round = await service.createRound({ ...main, strata: 'outlet', by: 'lead' });
    expect(round).toMatchObject({
      key: '01-r1',
      name: 'R1',
      state: 'open',
      openedBy: 'lead',
      codebookVersion: version,
    });
    expect(round.sample.documents).toHaveLength(12);
    expect(round.sample.allocation.map((a) => [a.stratum, a.drawn])).toEqual([
      ['Daily', 4],
      ['Weekly', 8],
    ]);
    expect(round.progress.map((p) => [p.coder, p.done])).toEqual([
      ['alice', 12],
      ['bob', 12],
    ]);
    const stored = studyFileSchema.parse(JSON.parse(await readFile(join(root, 'study.json'), 'utf8')));
    expect(stored.rounds.map((r) => r.key)).toEqual(['01-r1']);
    expect(await files('codebooks')).toEqual([`v${version}.json`]);
    await expect(service.createRound(main)).rejects.toThrow(/refused: a round named "R1" exists already/);
    await expect(service.createRound({ ...main, name: 'R2', coders: ['alice'] })).rejects.toThrow(
      /at least two coders/,
    );
    await expect(service.createRound({ ...main, name: 'R2', coders: ['alice', 'gold'] })).rejects.toThrow(
      /reserved for the adjudicated layer/,
    );
    await expect(service.createRound({ ...main, name: 'R2', size: 30 })).rejects.toThrow(
      /a sample of 30 needs 30 documents; 28 can be drawn \(12 documents drawn by earlier rounds are left out/,
    );
    const again = await service.createRound({ ...main, name: 'R2', size: 30, includeEarlier: true });
    expect(again.key).toBe('02-r2');
  });

  it('the same request draws the same documents; a different seed others', async () => {
    const a = await service.createRound(main);
    const b = await service.createRound({ ...main, name: 'R1 again', includeEarlier: true });
    const c = await service.createRound({ ...main, name: 'R1 other', includeEarlier: true, seed: 6 });
    expect(b.sample.documents).toEqual(a.sample.documents);
    expect(c.sample.documents).not.toEqual(a.sample.documents);
  });

  it('closing keeps the round’s coding in rounds/<key>.json: later edits change neither figures nor report', async () => {
    const round = await service.createRound(main);
    const closed = await service.closeRound('R1', 'lead');
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'lead' });
    expect(closed.summary?.variables.map((v) => v.key)).toContain('doc:Stance');
    expect(await files('rounds')).toEqual(['01-r1.json']);
    const report = await service.roundReport('R1');
    expect(report.folder).toBe('reports/01-r1');
    const before = await readFile(join(root, 'reports/01-r1/figures.json'), 'utf8');
    await save('alice', round.sample.documents[0], []);
    const again = await service.roundReport('R1');
    expect(await readFile(join(root, 'reports/01-r1/figures.json'), 'utf8')).toBe(before);
    expect(again.zip).toBe(report.zip);
    expect((await service.study()).rounds[0].progress.find((p) => p.coder === 'alice')?.done).toBe(12);
    await expect(service.closeRound('R1', 'lead')).rejects.toThrow(/round "R1" is closed already/);
    await expect(service.closeRound('R9', 'lead')).rejects.toThrow(/no round named "R9" \(rounds: R1\)/);
  });

  it('while a round closes or reports, roundWork says how far its bootstrap has got; after, and after a failure, null', async () => {
    await service.createRound(main);
    expect(await service.roundWork('R1')).toBeNull();
    const closing = service.closeRound('R1', 'lead');
    expect(await service.roundWork('R1')).toMatchObject({ round: 'R1', stage: 'closing' });
    await closing;
    expect(await service.roundWork('R1')).toBeNull();
    const reporting = service.roundReport('R1');
    expect(await service.roundWork('R1')).toMatchObject({ round: 'R1', stage: 'report' });
    await reporting;
    expect(await service.roundWork('R1')).toBeNull();
    const refused = service.closeRound('R1', 'lead');
    await expect(refused).rejects.toThrow(/closed already/);
    expect(await service.roundWork('R1')).toBeNull();
  });

  it('a report is refused for an open round and written whole into reports/<key>/, replacing the last', async () => {
    await service.createRound(main);
    await expect(service.roundReport('R1')).rejects.toThrow(/round "R1" is open: close it first/);
    await service.closeRound('R1', 'lead');
    const report = await service.roundReport('R1');
    expect(report.files).toContain('appendix.md');
    expect(report.files).toContain('reliability/kripp-alpha/variable-01.csv');
    const listed = (await readdir(join(root, 'reports/01-r1'), { recursive: true })).filter((f) => f.includes('.'));
    expect(listed.sort()).toEqual([...report.files].sort());
    await writeFile(join(root, 'reports/01-r1/stale.txt'), 'left from before');
    await service.roundReport('R1');
    expect(await readdir(join(root, 'reports/01-r1'))).not.toContain('stale.txt');
    expect((await readdir(join(root, 'reports'))).filter((f) => f.startsWith('.'))).toEqual([]);
    const zip = Buffer.from(report.zip, 'base64');
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expect(zip.includes(Buffer.from('01-r1/appendix.html'))).toBe(true);
  });

  it('an unreadable study.json is reported and never overwritten; blind views fail closed', async () => {
    await service.createRound(main);
    await writeFile(join(root, 'study.json'), '{ "schema": 1, "rounds": [');
    await expect(service.study()).rejects.toThrow(/study\.json is not valid JSON/);
    await expect(service.createRound({ ...main, name: 'R2' })).rejects.toThrow(/study\.json/);
    expect(await readFile(join(root, 'study.json'), 'utf8')).toBe('{ "schema": 1, "rounds": [');
    const seen = await service.listAnnotations('doc-001', 'bob');
    expect(seen.map((r) => r.annotator)).toEqual(['bob']);
    expect((await service.getProject()).problems.map((p) => p.path)).toContain('study.json');
  });
});

describe('the codebook changelog', () => {
  const edit = { why: 'coders split threats', by: 'lead' };

  it('an edit with a reason appends one line and keeps both versions; without rounds a reason is optional', async () => {
    const cb = service.current().codebook;
    const next = await service.saveCodebook(
      { ...cb, spanLabels: [...cb.spanLabels, { name: 'Victim', color: '#3cb44b' }] },
      cb.version,
      edit,
    );
    expect(next.version).toBe(cb.version + 1);
    const lines = (await readFile(join(root, 'codebook-changelog.jsonl'), 'utf8')).split('\n');
    expect(lines).toHaveLength(2);
    expect(changelogEntrySchema.parse(JSON.parse(lines[0]))).toMatchObject({
      fromVersion: cb.version,
      toVersion: cb.version + 1,
      by: 'lead',
      why: 'coders split threats',
      changes: [{ kind: 'label-added', label: 'Victim' }],
    });
    expect(await files('codebooks')).toEqual([`v${cb.version}.json`, `v${cb.version + 1}.json`]);
    await service.saveCodebook({ ...next, docLabels: [] }, next.version);
    expect((await service.study()).changelog).toHaveLength(1);
  });

  it('a rename names itself in the changelog', async () => {
    await service.renameLabel('Threat', 'Danger', service.current().codebook.version, edit);
    const [entry] = (await service.study()).changelog;
    expect(entry.changes).toEqual([{ kind: 'label-renamed', from: 'Threat', to: 'Danger' }]);
  });

  it('once the project has rounds, an edit needs a reason; while one is open, what becomes of it', async () => {
    await service.createRound(main);
    const cb = service.current().codebook;
    const changed = { ...cb, spanLabels: [...cb.spanLabels, { name: 'Victim', color: '#3cb44b' }] };
    await expect(service.saveCodebook(changed, cb.version)).rejects.toThrow(
      /refused: round "R1" is open with codebook version \d+ frozen: end it first, or start a new round/,
    );
    await expect(service.deleteLabel('Threat', cb.version, edit)).rejects.toThrow(/round "R1" is open/);
    expect(service.current().codebook.version).toBe(cb.version);
    expect((await service.study()).changelog).toEqual([]);
    const next = await service.saveCodebook(changed, cb.version, { ...edit, rounds: 'end' });
    const status = await service.study();
    expect(status.rounds.map((r) => [r.name, r.state, r.codebookVersion])).toEqual([['R1', 'closed', cb.version]]);
    expect(status.changelog.map((e) => [e.fromVersion, e.toVersion])).toEqual([[cb.version, next.version]]);
    await expect(service.saveCodebook({ ...next, docLabels: [] }, next.version)).rejects.toThrow(
      /refused: say why the codebook changes/,
    );
  });

  it('"restart" closes the open round and opens a new one on the same documents under the new version', async () => {
    const r1 = await service.createRound(main);
    const cb = service.current().codebook;
    await expect(service.mergeLabels('Threat', 'Threat', cb.version, { ...edit, rounds: 'restart' })).rejects.toThrow(
      /cannot be merged into itself/,
    );
    expect((await service.study()).rounds.map((r) => r.state)).toEqual(['open']);
    await service.saveCodebook({ ...cb, docLabels: cb.docLabels.slice(0, 1) }, cb.version, {
      ...edit,
      rounds: 'restart',
    });
    const rounds = (await service.study()).rounds;
    const v = cb.version;
    expect(rounds.map((r) => [r.name, r.state, r.codebookVersion])).toEqual([
      ['R1', 'closed', v],
      [`R1, codebook v${v + 1}`, 'open', v + 1],
    ]);
    expect(rounds[1].sample).toEqual(r1.sample);
    expect(rounds[1].coders).toEqual(r1.coders);
    expect(rounds[1].progress.map((p) => p.otherCodebook)).toEqual([12, 12]);
  });

  it('a rename and other changes in one save: annotations follow, one version, one entry, one new round', async () => {
    const r1 = await service.createRound(main);
    const cb = service.current().codebook;
    const next = {
      ...cb,
      spanLabels: cb.spanLabels.map((l) => (l.name === 'Threat' ? { ...l, name: 'Danger', description: 'harm' } : l)),
    };
    const saved = await service.saveCodebook(next, cb.version, {
      ...edit,
      renames: { labels: { Threat: 'Danger' } },
      rounds: 'restart',
    });
    expect(saved.version).toBe(cb.version + 1);
    expect(saved.spanLabels.map((l) => [l.name, l.description])).toEqual([['Danger', 'harm']]);
    const status = await service.study();
    expect(status.rounds.map((r) => r.state)).toEqual(['closed', 'open']);
    expect(status.changelog).toHaveLength(1);
    expect(status.changelog[0].changes).toEqual([
      { kind: 'label-renamed', from: 'Threat', to: 'Danger' },
      { kind: 'label-changed', label: 'Danger', fields: ['description'] },
    ]);
    const record = await service.getAnnotations(r1.sample.documents[0], 'alice');
    expect(new Set(record?.spans.map((x) => x.label))).toEqual(new Set(['Danger']));
    await expect(
      service.saveCodebook(next, saved.version, { ...edit, renames: { labels: { Nope: 'Danger' } }, rounds: 'end' }),
    ).rejects.toThrow(/no span label "Nope"/);
    expect((await service.study()).rounds.map((r) => r.state)).toEqual(['closed', 'open']);
  });

  it('a line an append left half-written is dropped; a bad line stops every edit before anything changes', async () => {
    const cb = service.current().codebook;
    const v2 = await service.saveCodebook({ ...cb, docLabels: [] }, cb.version, edit);
    const path = join(root, 'codebook-changelog.jsonl');
    const good = await readFile(path, 'utf8');
    await writeFile(path, `${good}{"fromVersion":2,"toVer`);
    expect((await service.study()).changelog).toHaveLength(1);
    const v3 = await service.saveCodebook({ ...v2, spanLabels: [] }, v2.version, edit);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).toVersion)).toEqual([v2.version, v3.version]);
    await writeFile(path, `not json\n${lines.join('\n')}\n`);
    await expect(service.saveCodebook({ ...v3, docLabels: cb.docLabels }, v3.version, edit)).rejects.toThrow(
      /codebook-changelog\.jsonl line 1: not valid JSON/,
    );
    expect(service.current().codebook.version).toBe(v3.version);
  });
});

describe('relation types in the codebook changelog', () => {
  const edit = { why: 'blame is too broad', by: 'lead' };
  const types = [
    { name: 'blames', color: '#111111', source: ['Threat'] },
    { name: 'refers to', color: '#222222' },
  ];

  /** Gives the codebook two relation types and alice one relation of each on doc-000. */
  async function withRelations() {
    const cb = service.current().codebook;
    await service.saveCodebook({ ...cb, relationTypes: types }, cb.version);
    const doc = await service.getDocument('doc-000');
    await service.saveAnnotations({
      document: 'doc-000',
      annotator: 'alice',
      textHash: doc.textHash,
      status: 'done',
      docLabels: {},
      spans: [
        { id: 'a', start: 0, end: 5, label: 'Threat' },
        { id: 'b', start: 8, end: 12, label: 'Threat' },
      ],
      relations: [
        { from: 'a', to: 'b', type: 'blames' },
        { from: 'b', to: 'a', type: 'refers to' },
      ],
    });
  }
  const relationsOnDisk = async () =>
    (await service.getAnnotations('doc-000', 'alice'))?.relations?.map((r) => [r.from, r.to, r.type]);

  it('a rename records who, why and what; the relations follow', async () => {
    await withRelations();
    const v = service.current().codebook.version;
    const renamed = await service.renameRelationType('blames', 'accuses', v, edit);
    expect(renamed.version).toBe(v + 1);
    const [entry] = (await service.study()).changelog;
    expect(entry).toMatchObject({ fromVersion: v, toVersion: v + 1, by: 'lead', why: 'blame is too broad' });
    expect(entry.changes).toEqual([{ kind: 'relation-type-renamed', from: 'blames', to: 'accuses' }]);
    expect(await relationsOnDisk()).toEqual([
      ['a', 'b', 'accuses'],
      ['b', 'a', 'refers to'],
    ]);
    const lines = (await readFile(join(root, 'codebook-changelog.jsonl'), 'utf8')).trimEnd().split('\n');
    expect(changelogEntrySchema.parse(JSON.parse(lines[0])).changes).toEqual(entry.changes);
  });

  it('merge and delete are recorded as the removal of the type they fold away', async () => {
    await withRelations();
    const merged = await service.mergeRelationTypes('refers to', 'blames', service.current().codebook.version, edit);
    expect(await relationsOnDisk()).toEqual([
      ['a', 'b', 'blames'],
      ['b', 'a', 'blames'],
    ]);
    const deleted = await service.deleteRelationType('blames', merged.version, { ...edit, why: 'not coded' });
    const log = (await service.study()).changelog;
    expect(log.map((e) => [e.toVersion, e.why, e.changes])).toEqual([
      [merged.version, 'blame is too broad', [{ kind: 'relation-type-removed', type: 'refers to' }]],
      [deleted.version, 'not coded', [{ kind: 'relation-type-removed', type: 'blames' }]],
    ]);
    expect((await relationsOnDisk()) ?? []).toEqual([]);
  });

  it('while a round is open a rename, merge or delete is refused until the edit says what becomes of it', async () => {
    await withRelations();
    await service.createRound(main);
    const v = service.current().codebook.version;
    await expect(service.renameRelationType('blames', 'accuses', v)).rejects.toThrow(/round "R1" is open/);
    await expect(service.deleteRelationType('blames', v, edit)).rejects.toThrow(/round "R1" is open/);
    await expect(service.mergeRelationTypes('blames', 'refers to', v, edit)).rejects.toThrow(/round "R1" is open/);
    await expect(service.mergeRelationTypes('blames', 'blames', v, { ...edit, rounds: 'restart' })).rejects.toThrow(
      /cannot be merged into itself/,
    );
    expect(service.current().codebook.version).toBe(v);
    expect((await service.study()).rounds.map((r) => r.state)).toEqual(['open']);
    expect(await relationsOnDisk()).toEqual([
      ['a', 'b', 'blames'],
      ['b', 'a', 'refers to'],
    ]);

    await service.renameRelationType('blames', 'accuses', v, { ...edit, rounds: 'restart' });
    const status = await service.study();
    expect(status.rounds.map((r) => [r.name, r.state, r.codebookVersion])).toEqual([
      ['R1', 'closed', v],
      [`R1, codebook v${v + 1}`, 'open', v + 1],
    ]);
    expect(status.changelog.map((e) => e.changes)).toEqual([
      [{ kind: 'relation-type-renamed', from: 'blames', to: 'accuses' }],
    ]);
    await expect(service.deleteRelationType('accuses', v + 1)).rejects.toThrow(/round .* is open/);
    await service.deleteRelationType('accuses', v + 1, { ...edit, rounds: 'end' });
    expect((await service.study()).rounds.map((r) => r.state)).toEqual(['closed', 'closed']);
    await expect(service.renameRelationType('refers to', 'names', v + 2)).rejects.toThrow(
      /refused: say why the codebook changes/,
    );
  });

  it('a rename and field edits in one save: one version, one entry, relations follow', async () => {
    await withRelations();
    const cb = service.current().codebook;
    const next = {
      ...cb,
      relationTypes: [{ name: 'accuses', color: '#333333', source: ['Threat'], symmetric: true }, types[1]],
    };
    const saved = await service.saveCodebook(next, cb.version, {
      ...edit,
      renames: { relationTypes: { blames: 'accuses' } },
    });
    expect(saved.version).toBe(cb.version + 1);
    expect((await service.study()).changelog.map((e) => e.changes)).toEqual([
      [
        { kind: 'relation-type-renamed', from: 'blames', to: 'accuses' },
        { kind: 'relation-type-changed', type: 'accuses', fields: ['symmetric', 'color'] },
      ],
    ]);
    expect(await relationsOnDisk()).toEqual([
      ['a', 'b', 'accuses'],
      ['b', 'a', 'refers to'],
    ]);
    await expect(
      service.saveCodebook(next, saved.version, { ...edit, renames: { relationTypes: { nope: 'accuses' } } }),
    ).rejects.toThrow(/no relation type "nope"/);
  });
});

describe('blind while a round is open', () => {
  it('others’ layers and gold on the round’s documents are hidden from its coders, not from anyone else', async () => {
    const round = await service.createRound(main);
    const blind = round.sample.documents[0];
    const open = (await service.listDocuments()).map((d) => d.id).find((d) => !round.sample.documents.includes(d))!;
    const names = (rs: AnnotationRecord[]) => rs.map((r) => r.annotator);
    expect(names(await service.listAnnotations(blind, 'bob'))).toEqual(['bob']);
    expect(names(await service.listAnnotations(blind, 'carol'))).toEqual(['alice', 'bob', 'carol']);
    expect(names(await service.listAnnotations(blind))).toEqual(['alice', 'bob', 'carol']);
    expect(names(await service.listAnnotations(open, 'bob'))).toEqual(['alice', 'bob', 'carol']);
    expect(await service.getAnnotations(blind, 'alice', 'bob')).toBeNull();
    expect(await service.getAnnotations(blind, 'bob', 'bob')).not.toBeNull();
    expect(await service.getAnnotations(blind, 'alice', 'lead')).not.toBeNull();
    await service.closeRound('R1', 'lead');
    expect(names(await service.listAnnotations(blind, 'bob'))).toEqual(['alice', 'bob', 'carol']);
  });

  it('others’ memos, coded segments and co-occurrence on the round’s documents are hidden from its coders', async () => {
    const round = await service.createRound(main);
    const blind = round.sample.documents[0];
    const memo = { id: '00000000-0000-4000-8000-000000000001', annotator: 'alice', text: 'riot as crime' };
    await service.saveMemo({ memo: { ...memo, target: { kind: 'document', document: blind } }, baseUpdatedAt: null });
    expect(await service.searchMemos('riot', 'bob')).toEqual([]);
    expect(await service.searchMemos('riot', 'alice')).toHaveLength(1);
    expect(await service.searchMemos('riot', 'lead')).toHaveLength(1);
    const coders = async (viewer?: string) =>
      new Set(
        (await service.codedSegments(viewer ? { viewer } : {})).segments
          .filter((s) => s.document === blind)
          .map((s) => s.annotator),
      );
    expect([...(await coders())].some((a) => a !== 'bob')).toBe(true);
    expect([...(await coders('bob'))].every((a) => a === 'bob')).toBe(true);
    const all = await service.cooccurrence({});
    const bobs = await service.cooccurrence({ viewer: 'bob' });
    expect(bobs.records).toBeLessThan(all.records);
  });

  it('agreement figures for a coder leave out the round’s documents', async () => {
    const round = await service.createRound(main);
    const docs = new Set(round.sample.documents);
    const input = await service.agreementInput({ viewer: 'bob' });
    expect(input.records.filter((r) => docs.has(r.document)).map((r) => r.annotator)).toEqual(
      round.sample.documents.map(() => 'bob'),
    );
    const forBob = await service.agreement({ viewer: 'bob', annotators: ['alice', 'bob'] });
    const forLead = await service.agreement({ annotators: ['alice', 'bob'] });
    expect(forLead.documents).toBe(40);
    expect(forBob.documents).toBe(28);
  });

  it('suggestions and outlet phrases no longer show a coder what another marked on the round’s documents', async () => {
    const round = await service.createRound(main);
    const [blind, other] = round.sample.documents;
    // alice marks a phrase only she uses, on a blind document; the same phrase stands in bob's other documents
    const text = textOf(Number(blind.slice(4)));
    const word = text.split(' ')[0];
    await save('alice', blind, [{ start: 0, end: word.length, label: 'Threat' }]);
    const leaked = (s: { sources: { annotator: string; document: string }[] }) =>
      s.sources.some((x) => x.annotator === 'alice' && x.document === blind);
    expect((await service.suggestions('bob')).filter(leaked)).toEqual([]);
    expect((await service.suggestions('carol')).filter(leaked).length).toBeGreaterThan(0);
    // bob's own phrases still help him on his blind documents
    const otherText = textOf(Number(other.slice(4)));
    const mine = otherText.split(' ')[5];
    const at = otherText.indexOf(` ${mine} `) + 1;
    await save('bob', other, [{ start: at, end: at + mine.length, label: 'Threat' }]);
    const own = (await service.suggestions('bob', [other])).filter((s) => s.phrase === mine.toLowerCase());
    expect(own.every((s) => s.sources.every((x) => x.annotator === 'bob'))).toBe(true);
    const phrases = (r: Awaited<ReturnType<typeof service.outlets>>) =>
      JSON.stringify(r).includes(JSON.stringify(word.toLowerCase())) || JSON.stringify(r).includes(`"${word}"`);
    expect(phrases(await service.outlets({ viewer: 'bob' }))).toBe(false);
    expect(phrases(await service.outlets({ viewer: 'carol' }))).toBe(true);
    await service.closeRound('R1', 'lead');
    expect((await service.suggestions('bob')).filter(leaked).length).toBeGreaterThan(0);
  });
});

describe('training rounds', () => {
  const requirement = { measure: 'f1_overlap' as const, minimum: 0.5, scope: 'overall' as const };

  async function gold(documents: string[], spans: { start: number; end: number; label: string }[]) {
    for (const d of documents)
      await service.adjudicate(
        d,
        spans.map((span) => ({
          action: 'accept' as const,
          span,
          sources: ['alice'],
          by: 'lead',
          reason: 'other' as const,
        })),
      );
  }

  it('a coder sees their own figures against gold once submitted; the lead sees everyone’s', async () => {
    const pilot = await service.createRound({ ...main, name: 'Pilot', kind: 'training', size: 4, requirement });
    const docs = pilot.sample.documents;
    const first = textOf(Number(docs[0].slice(4)));
    const start = first.indexOf(' ') + 1;
    await gold(docs, [{ start, end: start + 12, label: 'Threat' }]);
    const lead = await service.trainingResults('Pilot');
    expect(lead.map((r) => r.coder)).toEqual(['alice', 'bob']);
    expect(lead[0].scores?.labels.map((l) => l.label)).toEqual(['Threat']);
    const bob = await service.trainingResults('Pilot', 'bob');
    expect(bob.map((r) => r.coder)).toEqual(['bob']);
    expect(bob[0]).toMatchObject({ submitted: true });
    expect(bob[0].scores?.overall.f1_overlap.value).toBeTypeOf('number');
    const doc = await service.getDocument(docs[0]);
    await service.saveAnnotations({
      document: docs[0],
      annotator: 'bob',
      textHash: doc.textHash,
      status: 'in_progress',
      spans: [],
      docLabels: {},
    });
    expect((await service.trainingResults('Pilot', 'bob'))[0]).toMatchObject({
      submitted: false,
      scores: null,
      requirement: null,
    });
    await expect(service.trainingResults('Nope')).rejects.toThrow(/no round named "Nope"/);
  });

  it('a main round admits only coders who reached the training minimum', async () => {
    const pilot = await service.createRound({ ...main, name: 'Pilot', kind: 'training', size: 4, requirement });
    await expect(service.createRound({ ...main, size: 10 })).rejects.toThrow(
      /refused: alice cannot be compared with gold in training round "Pilot".*no gold on these documents yet/,
    );
    await gold(pilot.sample.documents, [{ start: 0, end: 3, label: 'Threat' }]);
    await expect(service.createRound({ ...main, size: 10 })).rejects.toThrow(
      /alice is below the minimum of training round "Pilot": f1_overlap 0\.000 < 0\.5/,
    );
    await expect(service.createRound({ ...main, coders: ['carol', 'bob'], size: 10 })).rejects.toThrow(
      /took no training round that sets a minimum/,
    );
    const status = await service.study();
    expect(status.admission.map((a) => [a.coder, a.passed])).toEqual([
      ['alice', false],
      ['bob', false],
      ['carol', false],
    ]);
  });

  it('a training round is refused where a main round is named', async () => {
    await service.createRound(main);
    await expect(service.trainingResults('R1')).rejects.toThrow(/only training rounds are compared with gold/);
  });
});

describe('sample-size advice', () => {
  it('Krippendorff’s minimum per document-label variable from the values coded, the largest proposed', async () => {
    const advice = await service.sampleSizeAdvice();
    expect(advice).toMatchObject({ alphaMin: 0.8, significance: 0.05, documents: 40, undrawn: 40, codedRecords: 120 });
    expect(advice.perVariable.map((v) => v.variable)).toEqual(['Stance', 'Frames: Economic', 'Frames: Security']);
    expect(advice.perVariable.every((v) => v.source === 'pilot')).toBe(true);
    expect(advice.units).toBe(Math.max(...advice.perVariable.map((v) => v.units)));
    const lenient = await service.sampleSizeAdvice({ alphaMin: 0.667 });
    expect(lenient.units).toBeLessThan(advice.units);
  });
});
