// The API reaches only what the user chose: every abusive call is refused, through the service and over
// HTTP, and the ways in and out the user did choose (uploads, dialog grants, downloads, allowed folders) work.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startHttpServer } from '../../src/backend/httpServer';
import { FrameLensService } from '../../src/backend/service';
import { HTTP_TOKEN_HEADER } from '../../src/core/api';
import { sampleProject, tempDir } from './helpers';

const SECRET = 'top-secret-line-do-not-echo';

let dir: string;
let cleanup: () => Promise<void>;
let service: FrameLensService;
let secretFile: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await sampleProject(dir);
  secretFile = join(dir, 'secret.txt');
  await writeFile(secretFile, `${SECRET}\nsecond line\n`);
  await mkdir(join(dir, 'allowed'));
  service = await FrameLensService.start({
    projectDir: join(dir, 'p'),
    configDir: join(dir, 'cfg'),
    allowedRoots: [join(dir, 'allowed')],
  });
});
afterEach(async () => {
  await service.close();
  await cleanup();
});

async function documentCount(): Promise<number> {
  return (await service.listDocuments()).length;
}

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: Error) => e,
  );
  expect(error, 'the call should have been refused').toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain(SECRET);
  return message;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('abusive calls are refused', () => {
  it('importFiles of /etc/passwd or any file outside the allowed folders', async () => {
    const before = await documentCount();
    expect(await refusal(service.importFiles({ paths: ['/etc/passwd'], format: 'txt' }))).toMatch(/^refused: /);
    expect(await refusal(service.importFiles({ paths: [secretFile], format: 'txt' }))).toMatch(/^refused: /);
    expect(await refusal(service.importFiles({ paths: [dir], format: 'txt' }))).toMatch(/^refused: /);
    expect(await refusal(service.importFiles({ paths: ['secret.txt'], format: 'txt' }))).toMatch(/relative path/);
    expect(
      await refusal(service.importFiles({ paths: [join(dir, 'allowed', '..', 'secret.txt')], format: 'txt' })),
    ).toMatch(/^refused: /);
    expect(await refusal(service.startImport({ paths: [secretFile], format: 'txt' }))).toMatch(/^refused: /);
    expect(await documentCount()).toBe(before);
  });

  it('a dry-run preview of any file', async () => {
    const message = await refusal(service.importFiles({ paths: [secretFile], format: 'txt', dryRun: true }));
    expect(message).toMatch(/^refused: /);
  });

  it('a symlink inside an allowed folder that leads out of it', async () => {
    await symlink(secretFile, join(dir, 'allowed', 'link.txt'));
    await symlink(dir, join(dir, 'allowed', 'up'));
    await expect(
      service.importFiles({ paths: [join(dir, 'allowed', 'link.txt')], format: 'txt', dryRun: true }),
    ).rejects.toThrow(/^refused: /);
    await expect(
      service.importFiles({ paths: [join(dir, 'allowed', 'up', 'secret.txt')], format: 'txt', dryRun: true }),
    ).rejects.toThrow(/^refused: /);
  });

  it('a grant the user never made, or a path beside the granted ones', async () => {
    await expect(service.importFiles({ paths: [secretFile], format: 'txt', grant: 'a'.repeat(32) })).rejects.toThrow(
      /^refused: /,
    );
    await writeFile(join(dir, 'chosen.txt'), 'A chosen article.');
    const { grant } = service.access.grantRead([join(dir, 'chosen.txt')]);
    await expect(service.importFiles({ paths: [secretFile], format: 'txt', grant })).rejects.toThrow(
      /not among the files you chose/,
    );
  });

  it('exportProject to any path, over an existing file, or over the project', async () => {
    const anywhere = join(dir, 'anywhere.jsonl');
    expect(await refusal(service.exportProject({ format: 'jsonl', out: anywhere }))).toMatch(/^refused: /);
    expect(existsSync(anywhere)).toBe(false);
    expect(await refusal(service.exportProject({ format: 'jsonl', out: secretFile }))).toMatch(/^refused: /);
    expect(await readFile(secretFile, 'utf8')).toContain(SECRET);
    expect(await refusal(service.exportProject({ format: 'jsonl', out: 'relative.jsonl' }))).toMatch(/relative path/);
    await writeFile(join(dir, 'allowed', 'old.jsonl'), 'keep me');
    expect(await refusal(service.exportProject({ format: 'jsonl', out: join(dir, 'allowed', 'old.jsonl') }))).toMatch(
      /already exists/,
    );
    expect(await readFile(join(dir, 'allowed', 'old.jsonl'), 'utf8')).toBe('keep me');
    const projectFile = join(dir, 'p', 'project.json');
    const before = await readFile(projectFile, 'utf8');
    await expect(service.exportProject({ format: 'jsonl', out: projectFile })).rejects.toThrow(/^refused: |exists/);
    expect(await readFile(projectFile, 'utf8')).toBe(before);
    await expect(service.exportProject({ format: 'jsonl', grant: 'b'.repeat(32) })).rejects.toThrow(/^refused: /);
  });

  it('createProject and openProject anywhere', async () => {
    const elsewhere = join(dir, 'elsewhere');
    expect(await refusal(service.createProject(elsewhere))).toMatch(/^refused: /);
    expect(existsSync(elsewhere)).toBe(false);
    await sampleProject(join(dir, 'other'));
    expect(await refusal(service.openProject(join(dir, 'other', 'p')))).toMatch(/^refused: /);
    expect(await refusal(service.openProject('/etc'))).toMatch(/^refused: /);
    expect((await service.getProject()).path).toBe(join(dir, 'p'));
  });

  it('uploads cannot name a path that climbs out', async () => {
    await expect(service.beginUpload([{ name: '../x.txt', size: 1 }])).rejects.toThrow();
  });

  it('error lines do not echo the contents of a file', async () => {
    const text = `{"id": "a", "text": "fine"}\n${SECRET} {not json\n`;
    const id = await service.beginUpload([{ name: 'bad.jsonl', size: Buffer.byteLength(text) }]);
    await service.uploadChunk(id, { file: 0, offset: 0, data: b64(text) });
    const message = await refusal(service.importFiles({ paths: ['bad.jsonl'], upload: id, format: 'jsonl' }));
    expect(message).toContain('bad.jsonl');
  });
});

describe('what the user chose works', () => {
  it('a dropped folder of two .txt files is uploaded and imported', async () => {
    const before = await documentCount();
    const files = { 'articles/a.txt': 'First article about the talks.', 'articles/b.txt': 'Second article.' };
    const entries = Object.entries(files).map(([name, text]) => ({ name, size: Buffer.byteLength(text) }));
    const id = await service.beginUpload(entries);
    for (const [i, text] of Object.values(files).entries())
      expect(await service.uploadChunk(id, { file: i, offset: 0, data: b64(text) })).toBe(Buffer.byteLength(text));
    const preview = await service.importFiles({ paths: ['articles'], upload: id, format: 'txt', dryRun: true });
    expect(preview.documentsAdded).toHaveLength(2);
    const report = await service.importFiles({ paths: ['articles'], upload: id, format: 'txt' });
    expect(report.documentsAdded).toHaveLength(2);
    expect(await documentCount()).toBe(before + 2);
  });

  it('a file larger than the limit is refused before any byte travels, in one sentence', async () => {
    await expect(service.beginUpload([{ name: 'huge.jsonl', size: 2 * 1024 ** 3 }])).rejects.toThrow(
      /huge\.jsonl is 2048 MB; files up to 100 MB can be uploaded/,
    );
  });

  it('files picked in a dialog are read through their grant', async () => {
    await writeFile(join(dir, 'chosen.txt'), 'A chosen article.');
    const { grant, paths } = service.access.grantRead([join(dir, 'chosen.txt')]);
    const report = await service.importFiles({ paths, grant, format: 'txt' });
    expect(report.documentsAdded).toHaveLength(1);
  });

  it('typed paths inside an allowed folder work, for import and a new export file', async () => {
    await writeFile(join(dir, 'allowed', 'c.txt'), 'An allowed article.');
    expect(
      (await service.importFiles({ paths: [join(dir, 'allowed', 'c.txt')], format: 'txt' })).documentsAdded,
    ).toHaveLength(1);
    const out = join(dir, 'allowed', 'new.jsonl');
    expect((await service.exportProject({ format: 'jsonl', out })).lines).toBeGreaterThan(0);
    expect(await readFile(out, 'utf8')).toContain('Rioters attacked banks.');
    const inProject = join(dir, 'p', 'exports', 'x.jsonl');
    await service.exportProject({ format: 'jsonl', out: inProject });
    expect(existsSync(inProject)).toBe(true);
  });

  it('a save-dialog grant writes there once', async () => {
    const place = join(dir, 'saved.jsonl');
    const { grant } = service.access.grantWrite(place);
    await service.exportProject({ format: 'jsonl', grant });
    expect(await readFile(place, 'utf8')).toContain('Rioters attacked banks.');
    await expect(service.exportProject({ format: 'jsonl', grant })).rejects.toThrow(/^refused: /);
  });

  it('an export download comes back in pieces and is gone after the last one; a folder format is a zip', async () => {
    const report = await service.exportProject({ format: 'jsonl', download: true });
    expect(report.download?.name).toBe('Sample.jsonl');
    const piece = await service.readDownload(report.download?.id ?? '', 0);
    expect(piece.next).toBeNull();
    expect(Buffer.from(piece.data, 'base64').toString('utf8')).toContain('Rioters attacked banks.');
    await expect(service.readDownload(report.download?.id ?? '', 0)).rejects.toThrow(/^refused: /);
    const brat = await service.exportProject({ format: 'brat', download: true });
    expect(brat.download?.name).toBe('Sample.zip');
    const zip = await service.readDownload(brat.download?.id ?? '', 0);
    const names = Object.keys(unzipSync(new Uint8Array(Buffer.from(zip.data, 'base64'))));
    expect(names.some((n) => n.startsWith('Sample/') && n.endsWith('.ann'))).toBe(true);
  });
});

describe('over HTTP', () => {
  let server: RunningServer;
  beforeEach(async () => {
    const staticDir = join(dir, 'static');
    await mkdir(staticDir);
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Frame Lens</title>');
    server = await startHttpServer({ api: service, staticDir });
  });
  afterEach(() => server.close());

  async function call(method: string, args: unknown[]): Promise<{ status: number; body: string }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: server.token },
      body: JSON.stringify({ args }),
    });
    return { status: res.status, body: await res.text() };
  }

  it('refuses each abusive call and answers the chosen ones', async () => {
    const abusive: [string, unknown[]][] = [
      ['importFiles', [{ paths: ['/etc/passwd'], format: 'txt' }]],
      ['importFiles', [{ paths: [secretFile], format: 'txt', dryRun: true }]],
      ['startImport', [{ paths: [secretFile], format: 'txt' }]],
      ['exportProject', [{ format: 'jsonl', out: join(dir, 'any.jsonl') }]],
      ['exportProject', [{ format: 'jsonl', out: secretFile }]],
      ['createProject', [join(dir, 'anywhere')]],
      ['openProject', ['/etc']],
      ['beginUpload', [[{ name: '../../etc/cron.d/x', size: 1 }]]],
      ['pickImport', ['files']],
      ['pickExport', [{ name: 'x.jsonl', folder: false }]],
    ];
    for (const [method, args] of abusive) {
      const { status, body } = await call(method, args);
      expect(status, `${method} ${JSON.stringify(args)}`).toBeGreaterThanOrEqual(400);
      expect(body).toMatch(/refused|must be a relative path/);
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain('root:');
    }
    expect(existsSync(join(dir, 'any.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'anywhere'))).toBe(false);
    const download = await call('exportProject', [{ format: 'jsonl', download: true }]);
    expect(download.status).toBe(200);
    const { result } = JSON.parse(download.body) as { result: { download: { id: string } } };
    const piece = await call('readDownload', [result.download.id, 0]);
    expect(Buffer.from(JSON.parse(piece.body).result.data, 'base64').toString('utf8')).toContain('Rioters');
  });
});
