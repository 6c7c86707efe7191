/** ScrollIntoView also scrolls every ancestor (the whole view); this moves just the one list or text box. */
export function scrollWithin(container: HTMLElement | null, el: HTMLElement | null, margin = 24): void {
  if (!container || !el) return;
  const box = container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (r.top < box.top + margin) container.scrollTop -= box.top + margin - r.top;
  else if (r.bottom > box.bottom - margin) container.scrollTop += r.bottom - (box.bottom - margin);
}
