// A small element tree over saxes (strict XML 1.0, namespaces, line numbers, no DTD entity expansion), and
// the escaping the writer needs so that text with CR, tabs and line breaks comes back exactly.
import { SaxesParser } from 'saxes';
import { FormatError } from '../common';

/** One element: local name, namespace, unprefixed attributes, child elements, its own text, and its line. */
export interface XmlElement {
  name: string;
  uri: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 200, maxElements: 5_000_000 };

/** Parses a whole document; a well-formedness error is refused at its line. */
export function parseXml(text: string, file: string, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: { el: XmlElement; text: string[] }[] = [];
  let root: XmlElement | null = null;
  let count = 0;
  let failure: FormatError | null = null;
  const fail = (line: number, problem: string) => {
    failure ??= new FormatError(file, line, problem);
  };
  parser.on('doctype', () => fail(parser.line, 'a DOCTYPE declaration is not allowed'));
  parser.on('opentag', (tag) => {
    if (failure) return;
    count++;
    if (count > limits.maxElements) return fail(parser.line, `more than ${limits.maxElements} elements`);
    if (stack.length >= limits.maxDepth) return fail(parser.line, `elements nested deeper than ${limits.maxDepth}`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      const attr = a as { prefix: string; local: string; value: string };
      if (attr.prefix === '' && attr.local !== 'xmlns') attrs[attr.local] = attr.value;
    }
    const el: XmlElement = {
      name: tag.local ?? tag.name,
      uri: tag.uri ?? '',
      attrs,
      children: [],
      text: '',
      line: parser.line,
    };
    if (stack.length) stack[stack.length - 1].el.children.push(el);
    else root = el;
    stack.push({ el, text: [] });
  });
  const onText = (t: string) => {
    if (stack.length) stack[stack.length - 1].text.push(t);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const top = stack.pop();
    if (top) top.el.text = top.text.join('');
  });
  parser.on('error', (error) => {
    const m = /^(\d+):(\d+): (.*)$/s.exec(error.message);
    fail(m ? Number(m[1]) : parser.line, `not well-formed XML: ${(m ? m[3] : error.message).replace(/\.$/, '')}`);
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (!failure) fail(parser.line, `not well-formed XML: ${(error as Error).message}`);
  }
  if (failure) throw failure;
  if (!root) throw new FormatError(file, 0, 'no root element');
  return root;
}

/** Characters XML 1.0 cannot hold at all, even escaped. */
// With the u flag a surrogate pair is one code point, so the surrogate range matches only lone halves.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being looked for
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;

/** The first character XML cannot carry, described, or null. */
export function notXmlChar(s: string): string | null {
  const m = NOT_XML.exec(s);
  if (!m) return null;
  return `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Element content: CR is escaped because a parser turns a literal CR or CRLF into LF. */
export function escapeText(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Attribute values: tabs and line breaks are escaped because a parser turns them into spaces. */
export function escapeAttr(s: string): string {
  return s.replace(/[&<>"\t\n\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : `&#${c.charCodeAt(0)};`,
  );
}

/** Children of `el` with the given local name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The first child with the given local name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}
