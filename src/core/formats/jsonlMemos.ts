// The `memos` key of a JSONL line (an extension of the interchange format): the memos of the line's
// annotator, about the line's document (`on: "document"`, or `"range"` with offsets in its text) or about no
// document (`"project"`, `"label"`, `"group"`: an export writes these on the first document's lines).
import { GUID_PATTERN } from '../ids';
import type { Memo, MemoTarget } from '../model';
import type { OffsetMap } from '../offsets';
import { FormatError, isObject, short, toCodePointSpan } from './common';
import { guidFor } from './qdpx/guid';
import type { OffsetUnit, ParseContext } from './types';

const MEMO_KEYS = new Set(['id', 'on', 'label', 'group', 'start', 'end', 'title', 'text', 'created_at', 'updated_at']);
const TARGETS = ['project', 'document', 'range', 'label', 'group'] as const;

interface LinePlace {
  file: string;
  line: number;
  document: string;
  annotator: string | undefined;
  map: OffsetMap;
  unit: OffsetUnit;
}

function optionalString(m: Record<string, unknown>, key: string, where: string, at: LinePlace): string | undefined {
  const v = m[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new FormatError(at.file, at.line, `${where}.${key}: expected a string, got ${short(v)}`);
  return v;
}

/** Reads a line's `memos` into the context; a memo without `id` gets one that depends on its place only. */
export function readLineMemos(value: unknown, at: LinePlace, ctx: ParseContext): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new FormatError(at.file, at.line, 'memos must be a list');
  if (value.length && !at.annotator)
    throw new FormatError(at.file, at.line, 'memos without an annotator (add "annotator" or use --annotator)');
  const annotator = at.annotator as string;
  value.forEach((m, i) => {
    const where = `memos[${i}]`;
    if (!isObject(m)) throw new FormatError(at.file, at.line, `${where}: expected an object, got ${short(m)}`);
    if (typeof m.text !== 'string') throw new FormatError(at.file, at.line, `${where}.text: expected a string`);
    if (!(TARGETS as readonly unknown[]).includes(m.on))
      throw new FormatError(at.file, at.line, `${where}.on: ${short(m.on)} is not one of ${TARGETS.join(', ')}`);
    let target: MemoTarget;
    if (m.on === 'range') {
      const o = toCodePointSpan(at.map, m.start, m.end, at.unit, at.file, at.line, where);
      if (o.end === o.start) throw new FormatError(at.file, at.line, `${where}: an empty range`);
      target = { kind: 'range', document: at.document, start: o.start, end: o.end };
    } else if (m.on === 'label' || m.on === 'group') {
      const name = m[m.on];
      if (typeof name !== 'string' || name === '')
        throw new FormatError(at.file, at.line, `${where}.${m.on}: expected a non-empty string`);
      target = m.on === 'label' ? { kind: 'label', label: name } : { kind: 'group', group: name };
    } else target = m.on === 'document' ? { kind: 'document', document: at.document } : { kind: 'project' };
    if (m.id !== undefined && (typeof m.id !== 'string' || !GUID_PATTERN.test(m.id)))
      throw new FormatError(at.file, at.line, `${where}.id: ${short(m.id)} is not a GUID`);
    const title = optionalString(m, 'title', where, at);
    const createdAt = optionalString(m, 'created_at', where, at);
    const updatedAt = optionalString(m, 'updated_at', where, at);
    for (const key of Object.keys(m))
      if (!MEMO_KEYS.has(key)) ctx.drop('metadata', at.file, at.line, `${where}.${key}`);
    const memo: Memo = {
      id: typeof m.id === 'string' ? m.id : guidFor(`jsonl-memo/${at.document}/${annotator}/${i}`),
      annotator,
      target,
      text: m.text,
      ...(title !== undefined ? { title } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(updatedAt !== undefined ? { updatedAt } : {}),
    };
    ctx.memo(memo, { file: at.file, line: at.line });
  });
}

/** One memo as a line writes it; a range in the line's offset unit. */
export function memoJson(memo: Memo, map: OffsetMap | null): Record<string, unknown> {
  const t = memo.target;
  return {
    id: memo.id,
    on: t.kind,
    ...(t.kind === 'label' ? { label: t.label } : {}),
    ...(t.kind === 'group' ? { group: t.group } : {}),
    ...(t.kind === 'range'
      ? { start: map ? map.toUtf16(t.start) : t.start, end: map ? map.toUtf16(t.end) : t.end }
      : {}),
    ...(memo.title !== undefined ? { title: memo.title } : {}),
    text: memo.text,
    ...(memo.createdAt !== undefined ? { created_at: memo.createdAt } : {}),
    ...(memo.updatedAt !== undefined ? { updated_at: memo.updatedAt } : {}),
  };
}
