// A dialog or menu that opens takes the focus (its first control, unless one of its own took it already), and
// when it closes gives it back to the control that had it before, if the focus would otherwise be lost (left
// on the page's body because the focused control went away with the dialog).
import { useEffect, useRef } from 'react';

const FLOATING = '.popup, .modal';
const TAKES_FOCUS = '.popup[role="dialog"], .popup[role="menu"], .modal';
const FOCUSABLE = 'button, input, select, textarea, a[href], summary, [tabindex]:not([tabindex="-1"])';

let lastOutside: HTMLElement | null = null;
let tracking = false;

function track(): void {
  if (tracking) return;
  tracking = true;
  document.addEventListener('focusin', (e) => {
    const el = e.target;
    if (el instanceof HTMLElement && !el.closest(FLOATING)) lastOutside = el;
  });
}

/** Moves the focus into the newest dialog or menu; false when none is in the page yet. */
function takeFocus(): boolean {
  if (document.activeElement?.closest(FLOATING)) return true;
  const boxes = document.querySelectorAll<HTMLElement>(TAKES_FOCUS);
  const box = boxes[boxes.length - 1];
  if (!box) return false;
  box.querySelector<HTMLElement>(FOCUSABLE)?.focus({ preventScroll: true });
  return true;
}

export function useFocusReturn(open: boolean): void {
  const wasOpen = useRef(open);
  const opener = useRef<HTMLElement | null>(null);
  const waiting = useRef<MutationObserver | null>(null);
  useEffect(track, []);
  useEffect(() => () => waiting.current?.disconnect(), []);
  useEffect(() => {
    waiting.current?.disconnect();
    waiting.current = null;
    if (!wasOpen.current && open) {
      opener.current = lastOutside;
      requestAnimationFrame(() => {
        if (takeFocus() || !wasOpen.current) return;
        // A dialog whose script is still loading (opened before the app was idle): it takes the focus once it
        // is in the page.
        const watch = new MutationObserver(() => {
          if (takeFocus()) watch.disconnect();
        });
        watch.observe(document.body, { childList: true, subtree: true });
        waiting.current = watch;
      });
    } else if (wasOpen.current && !open) {
      const el = opener.current;
      opener.current = null;
      const giveBack = () => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && el?.isConnected) el.focus({ preventScroll: true });
      };
      // At once, in the task of the key or click that closed it, so the frame that shows it gone has no focus
      // change of its own to style; and again in that frame, as a click outside that closed it may take the
      // focus away after this (the browser's own focus change comes after the mousedown handlers).
      giveBack();
      requestAnimationFrame(giveBack);
    }
    wasOpen.current = open;
  }, [open]);
}
