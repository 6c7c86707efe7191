// Saving what a view shows: a Blob handed to the browser's download (Electron asks where to save it).
import type { DownloadChunk, FrameLensApi } from '../../core/api';

export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file the backend wrote for download piece by piece and hands it to the browser's download. */
export async function fetchDownload(api: FrameLensApi, download: { id: string; name: string }): Promise<void> {
  const parts: Uint8Array[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const piece: DownloadChunk = await api.readDownload(download.id, offset);
    const binary = atob(piece.data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    parts.push(bytes);
    offset = piece.next;
  }
  downloadBlob(new Blob(parts as BlobPart[]), download.name);
}

/** Letters, digits and dashes only. */
export function fileName(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'chart'}.${ext}`;
}

/** The byte order mark makes spreadsheets read the file as UTF-8 (label names in Persian or Arabic). */
function csvBlob(csv: string): Blob {
  return new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
}

export function downloadCsv(csv: string, title: string): void {
  downloadBlob(csvBlob(csv), fileName(title, 'csv'));
}

/** A link target for CSV that stays valid while shown; `revoke` frees it. */
export function csvLink(csv: string): { href: string; revoke(): void } {
  if (typeof URL.createObjectURL === 'function') {
    const href = URL.createObjectURL(csvBlob(csv));
    return { href, revoke: () => URL.revokeObjectURL(href) };
  }
  return { href: `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`, revoke: () => {} };
}
