// The workspace's keyboard shortcuts; the help panel (?) lists them from KEYS. A key that changes a span
// acts only on a span that is on screen and visibly selected: a span scrolled out of sight (after a find,
// say) is never relabelled or deleted unseen.
import { useEffect } from 'react';
import { digitTable } from '../codebook/digits';
import { useAppStore } from '../state/context';
import { indexOfSpan } from '../state/spans';
import { mapFor } from '../state/textMap';
import type { AppState } from '../state/types';
import { useReaderHandle } from './reader/ReaderRef';
import { useApplyLabel, useSelectionRange } from './useApplyLabel';
import { useSpanAdjust } from './useSpanAdjust';
import { useWordCursor } from './useWordCursor';

export const KEYS: Array<[string, string]> = [
  ['← / →', 'word cursor: start it on the first word on screen, move it a word (in the order words are drawn)'],
  ['↑ / ↓', 'word cursor: move it a line (without a cursor: scroll)'],
  ['Shift+← / → / ↑ / ↓', 'word cursor: extend it (a selected span without a cursor: move its end)'],
  ['1–9', 'label the word cursor or the selection, or relabel the selected span, with the first nine labels'],
  ['/ or L, right-click', 'label popup: type to filter, ↑↓, Enter'],
  ['click a span', 'select it (overlapping spans: choose from a menu)'],
  ['Alt+← / Alt+→', 'move the selected span’s start by a word (grapheme in character mode)'],
  ['E', 'edit the selected span’s note'],
  ['R', 'link the selected span to another: Tab / Shift+Tab pick a span on screen (or click one), Enter confirms'],
  ['1–9 or type, Enter', 'the relation’s type (a type whose labels do not fit the two spans is refused with why)'],
  ['Del / Backspace', 'delete the selected span, or reject the selected suggestion'],
  ['Ctrl+Z', 'undo (in any document)'],
  ['Ctrl+Shift+Z, Ctrl+Y', 'redo'],
  ['G / Shift+G', 'select the next / previous suggestion of the model (dashed outline)'],
  ['Enter, 1–9', 'accept the selected suggestion (with its label, or the label of that key)'],
  [
    'J / K, Alt+↓ / Alt+↑',
    'next / previous document (list order, or the model’s uncertainty when the project says so)',
  ],
  ['N', 'next unfinished document (to do or in progress), in the same order'],
  ['D / S', 'mark the document done / skipped'],
  ['O', 'show or hide other annotators’ layers'],
  ['Ctrl+F', 'find in this document (Esc leaves the cursor on the match)'],
  ['Ctrl+Shift+F', 'search the corpus, label all matches'],
  ['Esc', 'close, clear the cursor and the selection'],
  ['?', 'this help'],
];

/** Typing in a field must never trigger annotation shortcuts. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  // Checkboxes and radios take no text: the shortcuts still work after coding a document label.
  if (el.matches('input[type="checkbox"], input[type="radio"]')) return false;
  return !!el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
}

/** Where a popup opened from the keyboard appears: at the selection, or the middle of the window. */
function anchor(): { x: number; y: number } {
  const sel = window.getSelection();
  const rect = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).getBoundingClientRect?.() : null;
  if (rect && (rect.width || rect.height)) return { x: rect.left, y: rect.bottom + 6 };
  const el = document.querySelector('.run.span.sel');
  const r = el?.getBoundingClientRect();
  if (r && (r.width || r.height)) return { x: r.left, y: r.bottom + 6 };
  return { x: window.innerWidth / 2 - 130, y: window.innerHeight / 3 };
}

/** The spans drawn on screen, in reading order: what Tab cycles through when picking a relation's target. */
function spansOnScreen(root: HTMLElement | null): string[] {
  if (!root) return [];
  const scroller = root.closest('.reader-scroll') ?? root;
  const box = scroller.getBoundingClientRect();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-keys]')) {
    const r = el.getBoundingClientRect();
    if (box.height > 0 && (r.bottom <= box.top || r.top >= box.bottom)) continue;
    for (const id of (el.dataset.keys ?? '').split('|'))
      if (id && !seen.has(id)) {
        seen.add(id);
        out.push(id);
      }
  }
  return out;
}

/** One window-level listener, installed by <App>. */
export function useHotkeys(): void {
  const store = useAppStore();
  const handle = useReaderHandle();
  const applyLabel = useApplyLabel();
  const selectionRange = useSelectionRange();
  const adjust = useSpanAdjust();
  const cursor = useWordCursor();
  useEffect(() => {
    const hasTextSelection = () => {
      const sel = window.getSelection();
      return !!sel && !sel.isCollapsed;
    };
    /** The selected span when it is drawn on screen; else null, and the analyst is told why nothing happened. */
    const visibleSelected = (s: AppState, what: string) => {
      const spans = s.record?.spans ?? [];
      const span = spans[indexOfSpan(spans, s.selectedSpan)];
      if (!span || !s.selectedSpan || !s.doc) return null;
      const map = mapFor(s.doc.text);
      if (!handle.isOnScreen(map.toUtf16(span.start), map.toUtf16(span.end))) {
        s.setNotice(`The selected span is not on screen, so nothing was ${what}. Click a span to select it.`);
        return null;
      }
      return { span, identity: s.selectedSpan };
    };
    const openLabels = () => {
      const s = store.getState();
      const range = selectionRange();
      const sel = range ? null : visibleSelected(s, 'relabelled');
      if (!range && !sel) {
        if (!s.selectedSpan) s.setNotice('Select some text (or click a span) first, then open the label popup.');
        return;
      }
      s.setOverlay({ kind: 'labels', ...anchor(), range, span: sel ? sel.identity : null });
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTypingTarget(e.target)) return;
      const s = store.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const done = () => e.preventDefault();
      // Picking a relation's target: Tab cycles the spans on screen, Enter goes on to the type, Esc stops.
      if (s.relating && s.overlay === null && !mod && !e.altKey) {
        if (key === 'Tab') {
          const ids = spansOnScreen(handle.root.current).filter((id) => id !== s.relating?.from);
          if (ids.length === 0) s.setNotice('No other span is on screen to link to: scroll to it, or click it.');
          else {
            const at = s.relating.target === null ? -1 : ids.indexOf(s.relating.target);
            const next =
              at < 0 ? (e.shiftKey ? ids.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + ids.length) % ids.length;
            s.setRelationTarget(ids[next]);
          }
          return done();
        }
        if (key === 'Enter') {
          if (s.relating.target === null) s.setNotice('Pick the target span first: Tab, or click it.');
          else s.setOverlay({ kind: 'relation-type' });
          return done();
        }
        if (key === 'Escape') {
          s.cancelRelation();
          s.announce('Relation cancelled');
          return done();
        }
      }
      if (mod && !e.altKey) {
        if (key === 'z' && !e.shiftKey) void s.undo();
        else if ((key === 'z' && e.shiftKey) || key === 'y') void s.redo();
        else if (key === 'f') s.setOverlay({ kind: e.shiftKey ? 'corpus' : 'find' });
        else return;
        return done();
      }
      if (mod) return;
      if (e.altKey) {
        if (key === 'ArrowLeft' || key === 'ArrowRight') {
          if (!visibleSelected(s, 'moved')) return;
          adjust('start', key === 'ArrowLeft' ? -1 : 1);
        } else if (key === 'ArrowDown') void s.goDocument('next');
        else if (key === 'ArrowUp') void s.goDocument('previous');
        else return;
        return done();
      }
      const arrow = key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown';
      if (arrow && s.overlay === null) {
        if (e.shiftKey && !s.cursor) {
          // A selected span without a cursor: Shift+←/→ moves its end; a mouse selection is the browser's.
          if (key === 'ArrowUp' || key === 'ArrowDown' || hasTextSelection() || !s.selectedSpan) return;
          if (!visibleSelected(s, 'moved')) return;
          adjust('end', key === 'ArrowLeft' ? -1 : 1);
          return done();
        }
        if (!e.shiftKey && hasTextSelection() && !s.cursor) return;
        if (cursor.arrow(key, e.shiftKey)) {
          window.getSelection()?.removeAllRanges();
          return done();
        }
        return;
      }
      if (/^[1-9]$/.test(key)) {
        const label = s.project ? digitTable(s.project.codebook).get(key) : undefined;
        if (!label) return s.setNotice(`No span label has hotkey ${key}.`);
        if (s.selectedSuggestion !== null && !s.cursor && !hasTextSelection()) {
          s.acceptSuggestion(s.selectedSuggestion, label.name);
          return done();
        }
        if (s.cursor || hasTextSelection() || !s.selectedSpan) applyLabel(label.name);
        else {
          const sel = visibleSelected(s, 'relabelled');
          if (sel) s.updateSpan(sel.identity, { ...sel.span, label: label.name });
        }
        return done();
      }
      switch (key) {
        case '/':
        case 'l':
          openLabels();
          break;
        case 'Delete':
        case 'Backspace': {
          if (s.selectedSuggestion !== null) {
            s.rejectSuggestion(s.selectedSuggestion);
            break;
          }
          const sel = visibleSelected(s, 'deleted');
          if (!sel) return;
          s.removeSpan(sel.identity);
          break;
        }
        case 'r': {
          if (!visibleSelected(s, 'linked')) return;
          s.startRelation();
          break;
        }
        case 'e': {
          const note = document.querySelector<HTMLTextAreaElement>('[data-testid="span-note"]');
          if (!note || !visibleSelected(s, 'edited')) return;
          note.focus();
          break;
        }
        case 'Enter':
          // With a suggestion selected Enter accepts it, even where a button of the list kept the focus after a
          // click (preventDefault stops that button); the suggestion's own buttons keep their meaning.
          if (s.selectedSuggestion === null || (e.target as Element).closest?.('.suggestion-selected')) return;
          s.acceptSuggestion(s.selectedSuggestion);
          break;
        case 'g':
          s.stepSuggestion(e.shiftKey ? -1 : 1);
          break;
        case 'j':
          void s.goDocument('next');
          break;
        case 'k':
          void s.goDocument('previous');
          break;
        case 'n':
          void s.goDocument('unfinished');
          break;
        case 'd':
          s.setStatus('done');
          break;
        case 's':
          s.setStatus('skipped');
          break;
        case 'o':
          s.setShowOthers(!s.showOthers);
          break;
        case '?':
          s.setOverlay(s.overlay?.kind === 'help' ? null : { kind: 'help' });
          break;
        case 'Escape':
          s.cancelRelation();
          s.setOverlay(null);
          s.selectSpan(null);
          s.selectSuggestion(null);
          s.setCursor(null);
          s.setNotice(null);
          window.getSelection()?.removeAllRanges();
          s.announce('Selection cleared');
          return;
        default:
          return;
      }
      done();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, handle, applyLabel, selectionRange, adjust, cursor]);
}
