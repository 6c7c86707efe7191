// Test helper shared by the App and Annotate tests: a DOM selection over the reader, as a drag makes one.

/** Selects UTF-16 [a, b) of the document text by finding the runs that hold those offsets. */
export function selectText(reader: HTMLElement, a: number, b: number): void {
  const point = (o: number, isEnd: boolean): [Node, number] => {
    for (const run of reader.querySelectorAll<HTMLElement>('[data-start]')) {
      const s = Number(run.dataset.start);
      const e = Number(run.dataset.end);
      if (o >= s && (isEnd ? o <= e : o < e)) return [run.firstChild!, o - s];
    }
    throw new Error(`no run holds ${o}`);
  };
  const range = document.createRange();
  range.setStart(...point(a, false));
  range.setEnd(...point(b, true));
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
}
