// Which span label a digit key applies: a label's own hotkey wins; the rest fill 1–9 in codebook order.
import type { Codebook, SpanLabel } from '../../core/model';

/** The digit → label table the keys, the palette and the help all show the same way. */
export function digitTable(codebook: Codebook): Map<string, SpanLabel> {
  const table = new Map<string, SpanLabel>();
  const explicit = codebook.spanLabels.filter((l) => l.hotkey && /^[1-9]$/.test(l.hotkey));
  for (const l of explicit) if (!table.has(l.hotkey!)) table.set(l.hotkey!, l);
  const placed = new Set([...table.values()]);
  let digit = 1;
  for (const l of codebook.spanLabels) {
    if (placed.has(l) || (l.hotkey && /^[1-9]$/.test(l.hotkey))) continue;
    while (digit <= 9 && table.has(String(digit))) digit++;
    if (digit > 9) break;
    table.set(String(digit), l);
  }
  return table;
}

/** The digit shown beside a label in the palette, or '' when it has none. */
export function digitOf(codebook: Codebook, name: string): string {
  for (const [d, l] of digitTable(codebook)) if (l.name === name) return d;
  return '';
}
