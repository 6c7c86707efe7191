// The records of a JSON-based file, each with the line it starts on: JSON Lines, a JSON array, or JSON
// values written one after another (doccano's pretty-printed examples). Errors name the line of the bad
// record, and the line inside it where JSON.parse stopped, rather than line 1 of an array.
import { FormatError, jsonProblem, stripBom } from './common';

interface JsonRecord {
  value: unknown;
  line: number;
}

const NL = 10;

function lineAt(text: string, from: number, to: number, line: number): number {
  let n = line;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === NL) n++;
  return n;
}

function parseAt(text: string, start: number, end: number, line: number, file: string): unknown {
  const slice = text.slice(start, end);
  try {
    return JSON.parse(slice);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    const where = at ? lineAt(slice, 0, Math.min(Number(at[1]), slice.length), line) : line;
    throw new FormatError(file, where, `not valid JSON (${jsonProblem(error)})`);
  }
}

/** Where the JSON value starting at `start` ends (exclusive), or -1 when the text ends first. */
function valueEnd(text: string, start: number): number {
  const first = text[start];
  if (first !== '{' && first !== '[') {
    let i = start;
    if (first === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      return i < text.length ? i + 1 : -1;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    return i;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    } else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Values one after another, or the elements of one top-level array, each with its line. */
function* scanned(text: string, file: string, inArray: boolean): Generator<JsonRecord> {
  let i = 0;
  let line = 1;
  if (inArray) {
    i = skipSpace(text, 0);
    line = lineAt(text, 0, i, 1);
    i++;
  }
  let expectComma = false;
  for (;;) {
    const next = skipSpace(text, i);
    line = lineAt(text, i, next, line);
    i = next;
    if (i >= text.length) {
      if (inArray) throw new FormatError(file, line, 'not valid JSON (the array is never closed with "]")');
      return;
    }
    if (inArray && text[i] === ']') {
      const rest = skipSpace(text, i + 1);
      if (rest < text.length)
        throw new FormatError(file, lineAt(text, i, rest, line), 'not valid JSON (text after the closing "]")');
      return;
    }
    if (inArray && expectComma) {
      if (text[i] !== ',') throw new FormatError(file, line, `not valid JSON (expected "," between records)`);
      i++;
      expectComma = false;
      continue;
    }
    const end = valueEnd(text, i);
    if (end < 0) throw new FormatError(file, line, 'not valid JSON (the record is never closed)');
    yield { value: parseAt(text, i, end, line, file), line };
    line = lineAt(text, i, end, line);
    i = end;
    expectComma = inArray;
  }
}

/**
 * Every record of a JSON-based file. JSON Lines are read line by line (fast); a top-level array, or a
 * first line that is not a whole value (pretty-printed records), is scanned value by value.
 */
export function* jsonRecords(input: string, file: string): Generator<JsonRecord> {
  const text = stripBom(input);
  const start = skipSpace(text, 0);
  if (text[start] === '[') {
    yield* scanned(text, file, true);
    return;
  }
  let pos = 0;
  let line = 0;
  let first = true;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    line++;
    const raw = text.slice(pos, nl);
    const lineStart = pos;
    pos = nl + 1;
    if (raw.trim() === '') {
      if (nl >= text.length) break;
      continue;
    }
    if (first) {
      first = false;
      const end = valueEnd(text, skipSpace(text, lineStart));
      if (end < 0 || end > nl) {
        // Pretty-printed values: scan the rest of the file from this record on.
        for (const r of scanned(text.slice(lineStart), file, false)) yield { value: r.value, line: r.line + line - 1 };
        return;
      }
    }
    yield { value: parseAt(raw, 0, raw.length, line, file), line };
    if (nl >= text.length) break;
  }
}
