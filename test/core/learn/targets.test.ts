import { describe, expect, it } from 'vitest';
import { agreedSpans, documentTarget, isModelName, usableRecords } from '../../../src/core/learn/targets';
import { tokenize } from '../../../src/core/learn/tokens';
import type { AnnotationRecord } from '../../../src/core/model';

const text = 'Officials blamed foreign agents for the riots in the capital';
const tokens = tokenize(text);
const at = (s: string) => text.indexOf(s);
const span = (s: string, label = 'Blame') => ({ start: at(s), end: at(s) + s.length, label });

function rec(annotator: string, spans: ReturnType<typeof span>[], docLabels = {}, status = 'done'): AnnotationRecord {
  return {
    document: 'd1',
    annotator,
    textHash: '',
    codebookVersion: 1,
    status: status as AnnotationRecord['status'],
    spans,
    docLabels,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

describe('agreed spans', () => {
  it('one coder: that coder’s spans, snapped to words', () => {
    expect(agreedSpans(tokens, [[span('foreign agen')]], ['Blame'])).toEqual([span('foreign agents')]);
  });

  it('two coders: what both marked (a boundary one word apart keeps the shared words)', () => {
    const got = agreedSpans(tokens, [[span('foreign agents')], [span('blamed foreign agents')]], ['Blame']);
    expect(got).toEqual([span('foreign agents')]);
  });

  it('three coders: what two of them marked; a lone span is dropped', () => {
    const got = agreedSpans(
      tokens,
      [[span('foreign agents'), span('riots', 'Naming')], [span('foreign agents')], [span('the riots', 'Naming')]],
      ['Blame', 'Naming'],
    );
    expect(got).toEqual([span('foreign agents'), span('riots', 'Naming')]);
  });

  it('keeps two adjacent spans apart when a majority starts the second one', () => {
    const a = [span('foreign agents'), span('for the riots')];
    expect(agreedSpans(tokens, [a, a], ['Blame'])).toEqual(a);
  });
});

describe('document targets', () => {
  const groups = [
    { name: 'Stance', kind: 'single' as const, options: ['pro', 'neutral', 'con'] },
    { name: 'Frames', kind: 'multiple' as const, options: ['Security', 'Economic'] },
  ];
  it('gold wins for spans and for the groups it carries; coders fill the rest', () => {
    const records = [
      rec('gold', [span('riots', 'Naming')], { Stance: 'con' }),
      rec('alice', [span('foreign agents')], { Stance: 'pro', Frames: ['Security'] }),
      rec('bob', [span('foreign agents')], { Stance: 'pro', Frames: ['Security', 'Economic'] }),
    ];
    const t = documentTarget('d1', tokens, records, ['Blame', 'Naming'], groups);
    expect(t?.source).toBe('gold');
    expect(t?.spans).toEqual([span('riots', 'Naming')]);
    expect(t?.docLabels).toEqual({ Stance: 'con', Frames: ['Security'] });
  });

  it('a tie on a single-choice group teaches nothing for that group', () => {
    const t = documentTarget(
      'd1',
      tokens,
      [rec('alice', [], { Stance: 'pro' }), rec('bob', [], { Stance: 'con' })],
      ['Blame'],
      groups,
    );
    expect(t?.source).toBe('agreed');
    expect(t?.docLabels).toEqual({});
    expect(t?.coders).toEqual(['alice', 'bob']);
  });

  it('never learns from the model’s own layer, nor from statuses not asked for', () => {
    const records = [
      rec('model', [span('riots')]),
      rec('Model', [span('riots')]),
      rec('alice', [span('riots')], {}, 'in_progress'),
    ];
    expect(usableRecords(records, ['done'])).toEqual([]);
    expect(usableRecords(records, ['done', 'in_progress']).map((r) => r.annotator)).toEqual(['alice']);
    expect(documentTarget('d1', tokens, [], ['Blame'], groups)).toBeNull();
  });

  it('reserves the model name case-insensitively', () => {
    expect(isModelName('model')).toBe(true);
    expect(isModelName('MODEL')).toBe(true);
    expect(isModelName('modeller')).toBe(false);
  });
});
