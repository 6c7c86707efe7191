// Outlet tables leave a report thread packed: what comes out is what went in, key order included (the answer is
// serialised as JSON), tables the arrays cannot hold exactly travel whole, and the packed form survives a real
// structured clone with its buffers transferred.
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  packedTableBuffers,
  packOutletReport,
  packPhraseTable,
  unpackOutletReport,
  unpackPhraseTable,
} from '../../src/backend/packedTables';
import type { OutletReport } from '../../src/core/api';
import type { PhraseRow, PhraseTable } from '../../src/core/outlets';

const labels: PhraseTable = {
  Économie: {
    '12': [{ phrase: 'prices', count: 1, documents: ['d2'] }],
    B: [
      { phrase: 'wages rose', count: 3, documents: ['d1', 'd3'] },
      { phrase: '', count: 1, documents: ['d1'] },
      { phrase: 'café 😀', count: 1, documents: [] },
    ],
    A: [],
  },
  Security: { '(unknown)': [{ phrase: 'police', count: 2, documents: ['d3', 'd1'] }] },
};

const report: OutletReport = {
  labels,
  relations: {},
  rates: { B: { words: 10, documents: 2, perThousandWords: { Économie: 400 } } },
  doc_labels: { byOutlet: {}, byMonth: {} },
};

describe('packed outlet tables', () => {
  it('give back the same tables, in the same key order', () => {
    const packed = packPhraseTable(labels);
    expect(packed).not.toBeNull();
    const back = unpackPhraseTable(packed!);
    expect(back).toEqual(labels);
    expect(JSON.stringify(back)).toBe(JSON.stringify(labels));
    expect(unpackPhraseTable(packPhraseTable({})!)).toEqual({});
  });

  it('leave a table whole when a row has a line break, another key or keys in another order', () => {
    const broken = (row: object): PhraseTable => ({
      X: { A: [{ phrase: 'a', count: 1, documents: ['d'] }, row as PhraseRow] },
    });
    for (const row of [
      { phrase: 'two\nlines', count: 1, documents: ['d'] },
      { phrase: 'a', count: 1, documents: ['d\n2'] },
      { phrase: 'a', count: 1, documents: [], documentCount: 0 },
      { count: 1, phrase: 'a', documents: [] },
      { phrase: 'a', count: 1 },
    ]) {
      const table = broken(row);
      expect(packPhraseTable(table)).toBeNull();
      const packed = packOutletReport({ ...report, labels: table });
      expect(JSON.stringify(unpackOutletReport(packed))).toBe(JSON.stringify({ ...report, labels: table }));
    }
  });

  it('survive a structured clone with the buffers transferred', () => {
    const packed = packOutletReport(report);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(packed, packedTableBuffers(packed));
    const received = receiveMessageOnPort(port2)?.message;
    port1.close();
    expect(packedTableBuffers(packed).every((b) => b.byteLength === 0)).toBe(true);
    const back = unpackOutletReport(received);
    expect(JSON.stringify(back)).toBe(JSON.stringify(report));
    expect(Object.keys(back)).toEqual(['labels', 'relations', 'rates', 'doc_labels']);
  });
});
