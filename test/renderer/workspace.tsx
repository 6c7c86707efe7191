// The setup shared by the tests that open the app on the fake API's first document as alice.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, expect } from 'vitest';
import type { AnnotationRecord } from '../../src/core/model';
import { App } from '../../src/renderer/app/App';
import { ANNOTATOR_KEY } from '../../src/renderer/state/annotator';
import { DOCS, type FakeApi } from './fakeApi';

/** alice's record of doc-1: "Prices" (0–6) as Economic. */
export const ALICE: AnnotationRecord = {
  document: 'doc-1',
  annotator: 'alice',
  textHash: DOCS[0].textHash,
  codebookVersion: 3,
  status: 'in_progress',
  spans: [{ start: 0, end: 6, label: 'Economic' }],
  docLabels: {},
  updatedAt: 'then',
};

/** bob's record of doc-1: "rose" (7–11) as Security. */
export const BOB: AnnotationRecord = { ...ALICE, annotator: 'bob', spans: [{ start: 7, end: 11, label: 'Security' }] };

/** Each test starts with alice remembered as the annotator, and ends with the screen and the selection cleared. */
export function asAlice(): void {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(ANNOTATOR_KEY, 'alice');
  });
  afterEach(() => {
    cleanup();
    window.getSelection()?.removeAllRanges();
  });
}

/** Renders the app and waits until the first document is open in the reader; returns the reader. */
export async function openApp(api: FakeApi): Promise<HTMLElement> {
  render(<App api={api} />);
  const reader = await screen.findByTestId('reader');
  await waitFor(() => expect(reader.className).not.toContain('loading'));
  return reader;
}
