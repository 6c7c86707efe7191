import { describe, expect, it, vi } from 'vitest';
import type { FrameLensApi } from '../../../src/core/api';
import type { Codebook, RelationType, SpanLabel } from '../../../src/core/model';
import { LABELS, RELATION_TYPES, saveNamed } from '../../../src/renderer/codebook/editFor';

const label = (name: string, color = '#123456'): SpanLabel => ({ name, color });
const type = (name: string, color = '#654321'): RelationType => ({ name, color });
const codebook = (v: number): Codebook => ({
  version: v,
  spanLabels: [label('Riot'), label('Protest')],
  docLabels: [],
  relationTypes: [type('blames'), type('names')],
});

function fakeApi() {
  const saveCodebook = vi.fn(async (cb: Codebook) => ({ ...cb, version: cb.version + 1 }));
  const renameLabel = vi.fn(async (from: string, to: string, v: number) => {
    const cb = codebook(v + 1);
    return { ...cb, spanLabels: cb.spanLabels.map((l) => (l.name === from ? { ...l, name: to } : l)) };
  });
  const renameRelationType = vi.fn(async (from: string, to: string, v: number) => {
    const cb = codebook(v + 1);
    return { ...cb, relationTypes: (cb.relationTypes ?? []).map((t) => (t.name === from ? { ...t, name: to } : t)) };
  });
  return {
    api: { saveCodebook, renameLabel, renameRelationType } as unknown as FrameLensApi,
    saveCodebook,
    renameLabel,
    renameRelationType,
  };
}

describe('saveNamed', () => {
  it('with an edit, saves once and names the rename in the edit', async () => {
    const f = fakeApi();
    const edit = { why: 'clearer', by: 'alice', rounds: 'end' as const };
    await saveNamed(f.api, LABELS, { codebook: codebook(3), was: 'Riot', next: label('Unrest', '#ff0000') }, 3, edit);
    expect(f.renameLabel).not.toHaveBeenCalled();
    expect(f.saveCodebook).toHaveBeenCalledTimes(1);
    const [saved, version, sent] = f.saveCodebook.mock.calls[0] as unknown as [Codebook, number, unknown];
    expect(saved.spanLabels.map((l) => [l.name, l.color])).toEqual([
      ['Unrest', '#ff0000'],
      ['Protest', '#123456'],
    ]);
    expect(version).toBe(3);
    expect(sent).toEqual({ ...edit, renames: { labels: { Riot: 'Unrest' } } });
  });

  it('without an edit, renames through the backend first, then saves the other fields on its version', async () => {
    const f = fakeApi();
    const next = type('accuses', '#00ff00');
    await saveNamed(f.api, RELATION_TYPES, { codebook: codebook(5), was: 'blames', next }, 5, undefined);
    expect(f.renameRelationType).toHaveBeenCalledWith('blames', 'accuses', 5);
    const [saved, version] = f.saveCodebook.mock.calls[0] as unknown as [Codebook, number];
    expect(version).toBe(6);
    expect(saved.relationTypes?.map((t) => [t.name, t.color])).toEqual([
      ['accuses', '#00ff00'],
      ['names', '#654321'],
    ]);
  });

  it('skips the second save when the rename was the whole change', async () => {
    const f = fakeApi();
    const next = type('accuses');
    const unchanged = (before: RelationType) => JSON.stringify(before) === JSON.stringify(next);
    await saveNamed(f.api, RELATION_TYPES, { codebook: codebook(5), was: 'blames', next, unchanged }, 5, undefined);
    expect(f.renameRelationType).toHaveBeenCalledTimes(1);
    expect(f.saveCodebook).not.toHaveBeenCalled();
  });
});
