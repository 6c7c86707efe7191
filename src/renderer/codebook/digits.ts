import type { Codebook, SpanLabel } from '../../core/model';

/**
 * Which span label each digit key applies, as the keys, the palette and the help show it: a label's own
 * hotkey wins; the other labels fill the free digits 1–9 in codebook order.
 */
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
