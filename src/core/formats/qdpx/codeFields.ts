// A Frame Lens label has fields a REFI-QDA code has no attribute for (include, exclude, examples, hotkey; a
// document-label group's kind). They ride at the end of the code's Description in a marked, readable block,
// so other tools show them as text and Frame Lens reads them back exactly. Without the marker, a description
// is left as it is.

export const MARKER = '[Frame Lens]';

export interface CodeFields {
  description?: string;
  include?: string;
  exclude?: string;
  examples?: string[];
  hotkey?: string;
  /** Set on the parent code of a document-label group. */
  docLabelGroup?: 'single' | 'multiple';
}

const KEYS = ['Include', 'Exclude', 'Example', 'Hotkey', 'Document labels'] as const;

function field(key: string, value: string): string {
  return `${key}: ${value.split('\n').join('\n  ')}`;
}

/** The Description to write, or undefined when there is nothing to say. */
export function formatCodeFields(f: CodeFields): string | undefined {
  const lines: string[] = [];
  if (f.include !== undefined) lines.push(field('Include', f.include));
  if (f.exclude !== undefined) lines.push(field('Exclude', f.exclude));
  for (const e of f.examples ?? []) lines.push(field('Example', e));
  if (f.examples !== undefined && f.examples.length === 0) lines.push('Example list: empty');
  if (f.hotkey !== undefined) lines.push(field('Hotkey', f.hotkey));
  if (f.docLabelGroup)
    lines.push(field('Document labels', f.docLabelGroup === 'single' ? 'one choice' : 'several choices'));
  if (!lines.length) return f.description;
  const block = `${MARKER}\n${lines.join('\n')}`;
  return f.description === undefined ? block : `${f.description}\n\n${block}`;
}

/** Reads a Description back; a block that does not parse cleanly leaves the whole text as the description. */
export function parseCodeFields(text: string | undefined): CodeFields {
  if (text === undefined) return {};
  let head: string | undefined;
  let block: string;
  if (text.startsWith(`${MARKER}\n`)) block = text.slice(MARKER.length + 1);
  else {
    const at = text.lastIndexOf(`\n\n${MARKER}\n`);
    if (at < 0) return { description: text };
    head = text.slice(0, at);
    block = text.slice(at + MARKER.length + 3);
  }
  const out: CodeFields = {};
  if (head !== undefined) out.description = head;
  let current: { key: string; value: string } | null = null;
  const entries: { key: string; value: string }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('  ') && current) {
      current.value += `\n${line.slice(2)}`;
      continue;
    }
    if (line === 'Example list: empty') {
      out.examples ??= [];
      current = null;
      continue;
    }
    const m = /^([A-Za-z ]+): (.*)$/s.exec(line);
    if (!m || !(KEYS as readonly string[]).includes(m[1])) return { description: text };
    current = { key: m[1], value: m[2] };
    entries.push(current);
  }
  for (const { key, value } of entries) {
    if (key === 'Include') out.include = value;
    else if (key === 'Exclude') out.exclude = value;
    else if (key === 'Example') out.examples = [...(out.examples ?? []), value];
    else if (key === 'Hotkey') out.hotkey = value;
    else if (value === 'one choice') out.docLabelGroup = 'single';
    else if (value === 'several choices') out.docLabelGroup = 'multiple';
    else return { description: text };
  }
  return out;
}
