// From a mouse selection in the reader to a span in code points, ready to add to the record.
import type { Span } from '../../../core/model';
import type { OffsetMap } from '../../../core/offsets';
import { selectionToRange } from './selection';
import { type SelectionUnit, snapRange } from './snap';

/**
 * The whole selection → span path in one place (DOM range → UTF-16 → snapped → code points),
 * shared by the hotkeys and the label buttons. Null when nothing usable is selected.
 */
export function selectionToSpan(
  root: Element,
  sel: Selection | null,
  text: string,
  map: OffsetMap,
  unit: SelectionUnit,
  label: string,
): Span | null {
  const range = selectionToRange(root, sel);
  if (!range) return null;
  const snapped = snapRange(text, range.start, range.end, unit);
  if (!snapped) return null;
  return { start: map.toCodePoint(snapped.start), end: map.toCodePoint(snapped.end), label };
}
