// GUIDs Frame Lens mints for what it exports: derived from a stable key, so exporting the same project
// twice gives the same GUIDs (REFI-QDA archives can then be matched), and shaped as RFC 9562 version 8.

function mix32(key: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A GUID that depends only on `key`. */
export function guidFor(key: string): string {
  const words = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x3c6ef372].map((seed) => mix32(key, seed));
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
