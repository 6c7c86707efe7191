// Files dropped on the window or picked with a file input go to the backend through the API: declared
// first (a file too large is refused before any byte travels), then sent in pieces. Folders keep their
// structure as `/`-separated relative names, which the importer reads like a folder.
import type { FrameLensApi } from '../../core/api';
import type { ImportSource } from '../state/types';

const PIECE = 512 * 1024;

export interface PickedFile {
  /** Relative name, `/`-separated ("articles/a.txt"). */
  name: string;
  file: File;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return btoa(binary);
}

/** From an `<input type=file>` (with webkitdirectory, names carry the folder). */
export function filesFromInput(list: FileList | null): PickedFile[] {
  return [...(list ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
}

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

async function walk(entry: FileSystemEntry, prefix: string, out: PickedFile[]): Promise<void> {
  const name = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name, file });
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader()))
      await walk(child, name, out);
  }
}

/** Everything dropped, folders walked (hidden files are left to the importer, which skips them). */
export async function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items]
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry?.() ?? null)
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) return filesFromInput(data.files);
  const out: PickedFile[] = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

/** Sends the files; returns what the import wizard names (the top-level files and folders). */
export async function uploadFiles(
  api: FrameLensApi,
  files: PickedFile[],
  onProgress?: (sent: number, total: number) => void,
): Promise<ImportSource> {
  if (files.length === 0) throw new Error('nothing to import: no files were dropped or picked');
  const id = await api.beginUpload(files.map((f) => ({ name: f.name, size: f.file.size })));
  const total = files.reduce((n, f) => n + f.file.size, 0);
  let sent = 0;
  try {
    for (const [i, f] of files.entries()) {
      for (let offset = 0; offset < f.file.size; offset += PIECE) {
        const bytes = new Uint8Array(await f.file.slice(offset, offset + PIECE).arrayBuffer());
        await api.uploadChunk(id, { file: i, offset, data: toBase64(bytes) });
        sent += bytes.length;
        onProgress?.(sent, total);
      }
    }
  } catch (error) {
    void api.discardUpload(id).catch(() => undefined);
    throw error;
  }
  const top = [...new Set(files.map((f) => f.name.split('/')[0]))].sort();
  const folders = new Set(files.filter((f) => f.name.includes('/')).map((f) => f.name.split('/')[0]));
  return {
    paths: top,
    upload: id,
    summary: `${files.length} file${files.length === 1 ? '' : 's'}${folders.size ? ` from ${[...folders].join(', ')}` : ''}`,
  };
}
