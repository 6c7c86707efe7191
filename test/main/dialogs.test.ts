// The native dialogs, with `electron` mocked: each is asked with the right filters and default name, a cancelled
// dialog grants nothing, and what the user chose is granted, exactly that and nothing beside it.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

import type { BrowserWindow } from 'electron';
import { FrameLensService } from '../../src/backend/service';
import { createDialogs, exportFilters, importFilters } from '../../src/main/dialogs';
import { sampleProject, tempDir } from '../backend/helpers';
import { dialog, FakeBrowserWindow, resetFakes } from './fakeElectron';

let dir: string;
let cleanup: () => Promise<void>;
let service: FrameLensService;
const win = new FakeBrowserWindow({}) as unknown as BrowserWindow;

beforeEach(async () => {
  resetFakes();
  ({ dir, cleanup } = await tempDir());
  await sampleProject(dir);
  service = await FrameLensService.start({
    projectDir: join(dir, 'p'),
    configDir: join(dir, 'cfg'),
    dialogs: createDialogs(() => win),
  });
});
afterEach(async () => {
  await service.close();
  await cleanup();
});

describe('the open dialog', () => {
  it('asks for files with the extensions the formats read, then any file', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await service.pickImport('files');
    const [parent, options] = dialog.showOpenDialog.mock.calls[0];
    expect(parent).toBe(win);
    expect(options.properties).toEqual(['openFile', 'multiSelections']);
    expect(options.filters).toEqual(importFilters());
    const first = options.filters[0].extensions as string[];
    for (const ext of ['txt', 'jsonl', 'csv', 'ann', 'tsv', 'conll', 'qdpx']) expect(first).toContain(ext);
    expect(first.every((e) => !e.startsWith('.'))).toBe(true);
    expect(options.filters[1]).toEqual({ name: 'All files', extensions: ['*'] });
  });

  it('asks for a folder without filters', async () => {
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await service.pickImport('folder');
    expect(dialog.showOpenDialog.mock.calls[0][1]).toMatchObject({ properties: ['openDirectory'] });
    expect(dialog.showOpenDialog.mock.calls[0][1].filters).toBeUndefined();
  });

  it('grants nothing when cancelled, and exactly the chosen files when not', async () => {
    const grantRead = vi.spyOn(service.access, 'grantRead');
    dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [join(dir, 'ignored.txt')] });
    expect(await service.pickImport('files')).toBeNull();
    expect(grantRead).not.toHaveBeenCalled();

    const chosen = join(dir, 'chosen.txt');
    const beside = join(dir, 'beside.txt');
    await writeFile(chosen, 'Protesters gathered in the square.');
    await writeFile(beside, 'Not chosen.');
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [chosen] });
    const picked = await service.pickImport('files');
    expect(grantRead).toHaveBeenCalledTimes(1);
    expect(picked?.paths).toEqual([chosen]);
    const report = await service.importFiles({ paths: [chosen], grant: picked!.grant, format: 'txt' });
    expect(report.documentsAdded).toHaveLength(1);
    await expect(service.importFiles({ paths: [beside], grant: picked!.grant, format: 'txt' })).rejects.toThrow(
      /^refused: .*not among the files you chose/,
    );
  });
});

describe('the save dialog', () => {
  it('suggests the name with its own type as the filter, and no filter for a folder', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true });
    await service.pickExport({ name: 'sample.jsonl', folder: false });
    const [parent, options] = dialog.showSaveDialog.mock.calls[0];
    expect(parent).toBe(win);
    expect(options.defaultPath).toBe('sample.jsonl');
    expect(options.filters).toEqual([{ name: 'JSONL file', extensions: ['jsonl'] }]);
    expect(options.properties).toContain('showOverwriteConfirmation');
    await service.pickExport({ name: 'sample-brat', folder: true });
    expect(dialog.showSaveDialog.mock.calls[1][1].defaultPath).toBe('sample-brat');
    expect(dialog.showSaveDialog.mock.calls[1][1].filters).toEqual([]);
    expect(exportFilters('a.b.csv', false)).toEqual([{ name: 'CSV file', extensions: ['csv'] }]);
  });

  it('grants nothing when cancelled, and writing only the chosen path, once', async () => {
    const grantWrite = vi.spyOn(service.access, 'grantWrite');
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: join(dir, 'no.jsonl') });
    expect(await service.pickExport({ name: 'x.jsonl', folder: false })).toBeNull();
    expect(grantWrite).not.toHaveBeenCalled();
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: '' });
    expect(await service.pickExport({ name: 'x.jsonl', folder: false })).toBeNull();
    expect(grantWrite).not.toHaveBeenCalled();

    const place = join(dir, 'chosen.jsonl');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: place });
    const target = await service.pickExport({ name: 'x.jsonl', folder: false });
    expect(grantWrite).toHaveBeenCalledWith(place);
    expect(target?.path).toBe(place);
    await service.exportProject({ format: 'jsonl', grant: target!.grant });
    expect(await readFile(place, 'utf8')).toContain('"text"');
    await expect(service.exportProject({ format: 'jsonl', grant: target!.grant })).rejects.toThrow(/^refused: /);
    expect(existsSync(join(dir, 'no.jsonl'))).toBe(false);
  });
});
