// The reader as the rest of the workspace reaches it: its root element (selection → offsets, painted ranges),
// and, because only the paragraphs near the screen are in the DOM, a way to bring a stretch of text into
// view, to ask whether it is on screen, and to hear when the paragraphs shown change.
import { createContext, type RefObject, useContext } from 'react';
import type { TextLayout } from './segments';

/** What the mounted reader provides; absent while no document is shown. */
interface ReaderImpl {
  /** Scrolls [start, end) (UTF-16) into the middle of the view, its paragraph rendered; false if there is none. */
  reveal(start: number, end: number): Promise<boolean>;
  /** Whether any of [start, end) is drawn inside the visible part of the reader. */
  isOnScreen(start: number, end: number): boolean;
  /** The first and last paragraph at least partly on screen. */
  shown(): { first: number; last: number } | null;
  /** The paragraphs of the text shown. */
  layout(): TextLayout | null;
}

export interface ReaderHandle extends ReaderImpl {
  root: RefObject<HTMLElement | null>;
  /** Called after the paragraphs in the DOM change (scrolling, edits, another document). */
  subscribe(listener: () => void): () => void;
  /** The reader installs itself; returns the uninstall. */
  attach(impl: ReaderImpl): () => void;
  notify(): void;
}

export function createReaderHandle(): ReaderHandle {
  const root: RefObject<HTMLElement | null> = { current: null };
  const listeners = new Set<() => void>();
  let impl: ReaderImpl | null = null;
  return {
    root,
    reveal: (start, end) => impl?.reveal(start, end) ?? Promise.resolve(false),
    isOnScreen: (start, end) => impl?.isOnScreen(start, end) ?? false,
    shown: () => impl?.shown() ?? null,
    layout: () => impl?.layout() ?? null,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    attach(next) {
      impl = next;
      return () => {
        if (impl === next) impl = null;
      };
    },
    notify() {
      for (const l of listeners) l();
    },
  };
}

/** One handle per <App>, created there. */
export const ReaderRefContext = createContext<ReaderHandle | null>(null);

export function useReaderHandle(): ReaderHandle {
  const handle = useContext(ReaderRefContext);
  if (!handle) throw new Error('useReaderHandle outside <App>');
  return handle;
}

/** The reader's root element, for mapping a selection to offsets. */
export function useReaderRef(): RefObject<HTMLElement | null> {
  return useReaderHandle().root;
}
