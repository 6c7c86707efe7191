// The QDA tabs of the Outlets view: the co-occurrence table from the core's counts over the fake records,
// and the coded segments of a label with their context and document variables, to CSV.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnnotationRecord } from '../../../src/core/model';
import { cooccurrence, documentSegments } from '../../../src/core/segments';
import { segmentsCsv } from '../../../src/renderer/outlets/SegmentsPanel';
import { ANNOTATOR_KEY } from '../../../src/renderer/state/annotator';
import { CODEBOOK, DOCS } from '../fakeApi';
import { outletApi, renderOutlets } from './helpers';

beforeEach(() => {
  localStorage.clear();
  localStorage.setItem(ANNOTATOR_KEY, 'alice');
});
afterEach(cleanup);

const record = (annotator: string, spans: AnnotationRecord['spans']): AnnotationRecord => ({
  document: 'doc-1',
  annotator,
  textHash: DOCS[0].textHash,
  codebookVersion: 3,
  status: 'done',
  spans,
  docLabels: {},
  updatedAt: '2024-01-01T00:00:00.000Z',
});
const RECORDS = [
  record('alice', [
    { start: 0, end: 11, label: 'Economic' },
    { start: 7, end: 11, label: 'Security' },
  ]),
  record('bob', [{ start: 0, end: 6, label: 'Economic' }]),
];

function codingApi() {
  const api = outletApi();
  const labels = CODEBOOK.spanLabels.map((l) => l.name);
  api.cooccurrence = vi.fn(async () => cooccurrence(RECORDS, labels));
  api.codedSegments = vi.fn(async (o) => {
    const segments = documentSegments(DOCS[0], RECORDS, new Set(o.labels));
    return { segments, total: segments.length };
  });
  return api;
}

describe('co-occurrence', () => {
  it('shows overlaps per record, and records holding both labels, as the viewer', async () => {
    const api = codingApi();
    await renderOutlets(api, 'cooccurrence');
    const cell = (row: string, col: string) =>
      within(screen.getByTestId('cooc-table'))
        .getAllByTestId('cooc-cell')
        .find((c) => c.dataset.row === row && c.dataset.col === col)!;
    await waitFor(() => expect(cell('Economic', 'Security').textContent).toBe('1'));
    expect(cell('Economic', 'Economic').textContent).toBe('2');
    expect(cell('Economic', 'Source').textContent).toBe('');
    expect(api.cooccurrence).toHaveBeenCalledWith({ viewer: 'alice' });
    fireEvent.click(screen.getByTestId('cooc-together'));
    expect(cell('Security', 'Security').textContent).toBe('1');
    expect(cell('Economic', 'Economic').textContent).toBe('2');
  });
});

describe('coded segments', () => {
  it('lists each span of the label with its context and the document variables', async () => {
    const api = codingApi();
    await renderOutlets(api, 'segments');
    await waitFor(() => expect(screen.getAllByTestId('segment-row')).toHaveLength(2));
    expect(screen.getByTestId('segments-count').textContent).toMatch(/2 segment\(s\) of Economic in 1 document/);
    const rows = screen.getAllByTestId('segment-row');
    expect(rows[0].textContent).toContain('Daily Planet');
    expect(within(rows[0]).getByText('Prices').tagName).toBe('MARK');
    expect(api.codedSegments).toHaveBeenCalledWith({ labels: ['Economic'], viewer: 'alice' });
  });

  it('writes CSV with the context columns and each metadata key, formulas defused', () => {
    const segments = documentSegments(
      { ...DOCS[0], meta: { ...DOCS[0].meta, outlet: '=HYPERLINK("x")' } },
      RECORDS,
      new Set(['Security']),
    );
    const lines = segmentsCsv(segments).split('\r\n');
    expect(lines[0]).toBe('document,annotator,label,start,end,before,text,after,note,outlet,published,title');
    expect(lines[1]).toBe(
      `doc-1,alice,Security,7,11,Prices ,rose, 👍🏽 sharply in Köln.,,"'=HYPERLINK(""x"")",2024-03-01,Prices rise`,
    );
  });

  it("adds another tool's document variables as columns, after the metadata", () => {
    const [segment] = documentSegments(DOCS[0], RECORDS, new Set(['Security']));
    const lines = segmentsCsv([
      { ...segment, variables: { Region: 'North', outlet: 'Kölner Stadt-Anzeiger' } },
      { ...segment, start: 12, end: 19, variables: { Age: '=1+1' } },
    ]).split('\r\n');
    expect(lines[0]).toBe(
      'document,annotator,label,start,end,before,text,after,note,outlet,published,title,Age,Region,outlet (variable)',
    );
    expect(lines[1].endsWith(',Daily Planet,2024-03-01,Prices rise,,North,Kölner Stadt-Anzeiger')).toBe(true);
    expect(lines[2].endsWith(`,Daily Planet,2024-03-01,Prices rise,'=1+1,,`)).toBe(true);
  });
});
