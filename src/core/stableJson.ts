// Deterministic JSON: object keys sorted, two-space indent, trailing newline, so diffs stay small.

/** The same data always serializes to the same bytes, whatever order keys were set in. */
export function stableStringify(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/** One JSONL line with sorted keys (no indentation). */
export function stableLine(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote that closes the string literal opening at `start`. */
function stringEnd(json: string, start: number): number {
  for (let i = start + 1; ; ) {
    const q = json.indexOf('"', i);
    if (q < 0) return -1;
    let b = q - 1;
    while (json.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    i = q + 1;
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(json: string, i: number): number {
  while (isSpace(json.charCodeAt(i))) i++;
  return i;
}

/** The index just past the value starting at `i`. */
function valueEnd(json: string, i: number): number {
  const c = json.charCodeAt(i);
  if (c === QUOTE) return stringEnd(json, i) + 1;
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < json.length; j++) {
      const d = json.charCodeAt(j);
      if (d === QUOTE) j = stringEnd(json, j);
      else if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
    }
    return json.length;
  }
  let j = i;
  while (j < json.length) {
    const d = json.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || isSpace(d)) break;
    j++;
  }
  return j;
}

/** Escapes JSON.stringify writes: \" \\ \b \f \n \r \t (and \u only for other controls and lone surrogates). */
const SHORT_ESCAPES = new Set([...'"\\bfnrt'].map((c) => c.charCodeAt(0)));
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The string value of a top-level `key` of the JSON object `json`, as the literal written there, when that is
 * byte for byte what JSON.stringify gives for the value: a reader holding the file's text can put the value
 * into other JSON without escaping it again. Null when the key is missing or given twice, its value is not a
 * string, or the literal uses escapes JSON.stringify does not (`\/`, `\u0041`). `json` must be valid JSON.
 */
export function writtenString(json: string, key: string): string | null {
  let i = skipSpace(json, 0);
  if (json.charCodeAt(i) !== 0x7b) return null;
  i = skipSpace(json, i + 1);
  const quoted = JSON.stringify(key);
  let found: [number, number] | null = null;
  let twice = false;
  while (i < json.length && json.charCodeAt(i) === QUOTE) {
    const keyEnd = stringEnd(json, i);
    if (keyEnd < 0) return null;
    const name = json.slice(i, keyEnd + 1);
    const matches = name === quoted || (name.includes('\\') && JSON.parse(name) === key);
    i = skipSpace(json, keyEnd + 1);
    if (json.charCodeAt(i) !== 0x3a) return null;
    i = skipSpace(json, i + 1);
    const end = valueEnd(json, i);
    if (end <= i) return null;
    if (matches) {
      twice = found !== null;
      found = [i, end];
    }
    i = skipSpace(json, end);
    if (json.charCodeAt(i) === 0x2c) i = skipSpace(json, i + 1);
  }
  if (!found || twice) return null;
  const [start, end] = found;
  if (json.charCodeAt(start) !== QUOTE) return null;
  for (let b = json.indexOf('\\', start); b >= 0 && b < end; b = json.indexOf('\\', b + 2))
    if (!SHORT_ESCAPES.has(json.charCodeAt(b + 1))) return null;
  const literal = json.slice(start, end);
  return LONE_SURROGATE.test(literal) ? null : literal;
}
