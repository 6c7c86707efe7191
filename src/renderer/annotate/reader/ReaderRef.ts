// The reader's root element, shared with whoever maps a selection (hotkeys, label buttons).
import { createContext, type RefObject, useContext } from 'react';

/** The selection → offsets mapping needs the reader root; one ref, created by <App>. */
export const ReaderRefContext = createContext<RefObject<HTMLElement | null> | null>(null);

export function useReaderRef(): RefObject<HTMLElement | null> {
  const ref = useContext(ReaderRefContext);
  if (!ref) throw new Error('useReaderRef outside <App>');
  return ref;
}
