// Building .qdpx archives for tests: a project.qde and source files, zipped.
import { zipSync } from 'fflate';

export const enc = (s: string) => new TextEncoder().encode(s);

export const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A zip holding the given files (strings are UTF-8 encoded). */
export function archive(files: Record<string, string | Uint8Array>): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(files)) out[name] = typeof content === 'string' ? enc(content) : content;
  return zipSync(out);
}

/** A project.qde around the given body, in the REFI-QDA namespace. */
export function qde(body: string, attrs = 'name="t" origin="Test"'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" ${attrs}>\n${body}\n</Project>`;
}

/** One user, one code, one text source with the given text and selections. */
export function oneSource(text: string, selections: string, extra = ''): Record<string, string> {
  return {
    'project.qde': qde(`<Users><User guid="${G(1)}" name="Alice Smith"/></Users>
<CodeBook><Codes><Code guid="${G(2)}" name="Frame" isCodable="true" color="#f00"/></Codes></CodeBook>
<Sources><TextSource guid="${G(3)}" name="Doc one" plainTextPath="internal://${G(3)}.txt">
${selections}
</TextSource></Sources>${extra}`),
    [`sources/${G(3)}.txt`]: text,
  };
}

/** A selection with one coding by user 1 of code 2. */
export function selection(n: number, start: number, end: number): string {
  return `<PlainTextSelection guid="${G(100 + n)}" startPosition="${start}" endPosition="${end}">
<Coding guid="${G(200 + n)}" creatingUser="${G(1)}"><CodeRef targetGUID="${G(2)}"/></Coding></PlainTextSelection>`;
}
