import { describe, expect, it } from 'vitest';
import { agreementCsv, formatAgreementTable } from '../../../src/core/agreement/format';
import { agreementReport } from '../../../src/core/agreement/report';
import { nonFinite, rec } from './helpers';

const input = {
  documents: [
    { id: 'd1', length: 30 },
    { id: 'd2', length: 20 },
  ],
  records: [
    rec('d1', 'carol', [[0, 5, 'Protest naming']], { docLabels: { Stance: 'pro', Frames: ['Economic'] } }),
    rec('d1', 'alice', [[0, 6, 'Protest naming']], { docLabels: { Stance: 'pro', Frames: [] } }),
    rec('d1', 'bob', [[10, 20, 'Foreign interference']], { docLabels: { Stance: 'con' } }),
    rec('d2', 'alice', [[2, 4, 'Protest naming']]),
    rec('d2', 'bob', [[2, 4, 'Protest naming']]),
  ],
  docLabelGroups: [
    { name: 'Stance', kind: 'single' as const, options: ['pro', 'con'] },
    { name: 'Frames', kind: 'multiple' as const, options: ['Economic', 'Security, "intl"'] },
  ],
};

function resolve(obj: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((o: unknown, k) => (o as Record<string, unknown>)?.[k], obj);
}

describe('report shape', () => {
  const r = agreementReport(input);

  it('has exactly the fixed keys plus the documented additions', () => {
    expect(Object.keys(r).sort()).toEqual(
      [
        'annotators',
        'document_labels',
        'documents',
        'excluded',
        'labels',
        'null_reasons',
        'per_document',
        'relation_types',
        'spans',
      ].sort(),
    );
    expect(Object.keys(r.spans).sort()).toEqual(['alpha_u', 'fleiss_kappa_char', 'pairs']);
    expect(Object.keys(r.spans.alpha_u).sort()).toEqual(['overall', 'per_label']);
    for (const p of r.spans.pairs)
      expect(Object.keys(p).sort()).toEqual([
        'a',
        'b',
        'cohen_kappa_char',
        'documents',
        'f1_exact',
        'f1_overlap',
        'relations_f1_exact',
      ]);
    const stance = r.document_labels.Stance as unknown as Record<string, unknown>;
    expect(Object.keys(stance).sort()).toEqual(
      ['documents', 'fleiss_kappa', 'gwet_ac1', 'krippendorff_alpha', 'pairs', 'percent_agreement'].sort(),
    );
    expect(Object.keys((stance.pairs as object[])[0]).sort()).toEqual(
      ['a', 'b', 'cohen_kappa', 'documents', 'gwet_ac1', 'percent_agreement', 'scott_pi'].sort(),
    );
    expect(Object.keys(r.document_labels.Frames)).toEqual(['options']);
    expect(Object.keys(r.excluded).sort()).toEqual(['count', 'records']);
  });

  it('sorts annotators and labels, orders pairs a < b, counts documents', () => {
    expect(r.annotators).toEqual(['alice', 'bob', 'carol']);
    expect(r.labels).toEqual(['Foreign interference', 'Protest naming']);
    expect(r.spans.pairs.map((p) => [p.a, p.b, p.documents])).toEqual([
      ['alice', 'bob', 2],
      ['alice', 'carol', 1],
      ['bob', 'carol', 1],
    ]);
    expect(r.documents).toBe(1);
  });

  it('gives every per_label object a key for every label', () => {
    const figures = [
      r.spans.alpha_u,
      r.spans.fleiss_kappa_char,
      ...r.spans.pairs.flatMap((p) => [p.f1_exact, p.f1_overlap, p.cohen_kappa_char]),
      ...r.per_document.map((d) => d.alpha_u),
    ];
    for (const f of figures) expect(Object.keys(f.per_label).sort()).toEqual(r.labels);
  });

  it('every null has a reason at its JSON Pointer, and every reason points at a null', () => {
    const json = JSON.parse(JSON.stringify(r));
    for (const [ptr, reason] of Object.entries(r.null_reasons)) {
      expect(resolve(json, ptr), ptr).toBeNull();
      expect(reason.length).toBeGreaterThan(3);
    }
    const nulls: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (v === null) nulls.push(path);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    };
    walk({ ...json, null_reasons: undefined }, '');
    expect(nulls.sort()).toEqual(Object.keys(r.null_reasons).sort());
    expect(nonFinite(json)).toEqual([]);
  });

  it('formats a plain-text table without NaN', () => {
    const text = formatAgreementTable(r);
    expect(text).toContain('Protest naming');
    expect(text).toContain('alice × bob');
    expect(text).toContain('Frames: Economic');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('writes RFC 4180 CSV (quotes doubled, CRLF)', () => {
    const csv = agreementCsv(r);
    expect(csv.perLabel.split('\r\n')[0]).toBe('scope,label,alpha_u,fleiss_kappa_char');
    expect(csv.perLabel.endsWith('\r\n')).toBe(true);
    expect(csv.perPair.split('\r\n')).toHaveLength(1 + 3 * 3 + 1);
    expect(csv.perDocument.split('\r\n')[0]).toBe(
      'document,length,annotators,alpha_u_overall,alpha_u:Foreign interference,alpha_u:Protest naming',
    );
    const weird = agreementReport({
      documents: [{ id: 'a,"b"', length: 5 }],
      records: [rec('a,"b"', 'x', [[0, 2, 'L']]), rec('a,"b"', 'y', [[0, 2, 'L']])],
    });
    expect(agreementCsv(weird).perDocument.split('\r\n')[1]).toBe('"a,""b""",5,x;y,1,1');
  });
});
