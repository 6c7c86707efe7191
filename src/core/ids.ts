// Id validation: document ids and annotator names name files, so they must never act as paths.

const ID_PATTERN = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]{0,127}$/u;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** The one rule for anything that becomes a file name; returns a reason or null. */
export function idProblem(id: string): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'is empty';
  if (!ID_PATTERN.test(id))
    return 'may only hold letters, digits, ".", "_" and "-", must start with a letter or digit, and be at most 128 characters';
  if (id.endsWith('.')) return 'may not end with "."';
  if (RESERVED.test(id)) return 'is a name reserved by Windows';
  if (id.normalize('NFC') !== id) return 'is not in Unicode NFC form';
  return null;
}

/** Throws one clear line when an id is not safe to use. */
export function assertId(id: string, what = 'id'): string {
  const problem = idProblem(id);
  if (problem) throw new Error(`${what} ${JSON.stringify(id)} ${problem}`);
  return id;
}

/** Two ids that differ only by case would collide on macOS and Windows file systems. */
export function idKey(id: string): string {
  return id.toLowerCase();
}

/** A GUID as REFI-QDA's GUIDType allows it (with or without braces): memo ids, and every id of a .qdpx. */
export const GUID_PATTERN =
  /^(\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;
