import { describe, expect, it } from 'vitest';
import type { ModelSuggestions } from '../../../src/core/api';
import { openSuggestions, suggestionsShown } from '../../../src/renderer/state/modelSlice';

const suggestions = (openRounds: string[] = []): ModelSuggestions => ({
  document: 'd',
  annotator: 'alice',
  trainedAt: 't',
  spans: [
    { id: 'a', start: 0, end: 5, label: 'X' },
    { id: 'b', start: 10, end: 15, label: 'X' },
    { id: 'c', start: 10, end: 15, label: 'Y' },
  ],
  docLabels: {},
  openRounds,
});

describe('open suggestions', () => {
  it('leaves out rejected ones and those a span of the same label overlaps, in the working record', () => {
    const record = {
      status: 'in_progress' as const,
      spans: [{ start: 12, end: 20, label: 'X' }],
      docLabels: {},
      relations: [],
    };
    expect(openSuggestions(suggestions(), record, ['a']).map((s) => s.id)).toEqual(['c']);
    expect(openSuggestions(suggestions(), { ...record, spans: [] }, []).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('offers nothing on a finished or skipped document, or before the record is read', () => {
    for (const status of ['done', 'skipped'] as const)
      expect(openSuggestions(suggestions(), { status, spans: [] }, [])).toEqual([]);
    expect(openSuggestions(suggestions(), null, [])).toEqual([]);
    expect(openSuggestions(null, { status: 'todo', spans: [] }, [])).toEqual([]);
  });

  it('shows them unless the coder turned them off, and by default not while a round is open for the coder', () => {
    expect(suggestionsShown(null, suggestions())).toBe(true);
    expect(suggestionsShown(null, suggestions(['R1']))).toBe(false);
    expect(suggestionsShown(true, suggestions(['R1']))).toBe(true);
    expect(suggestionsShown(false, suggestions())).toBe(false);
  });
});
