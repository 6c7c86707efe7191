import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../../src/core/model';
import { changelogEntry, changesBetween, describeChange, diffCodebooks } from '../../../src/core/study/changelog';

const v1: Codebook = {
  version: 1,
  spanLabels: [
    { name: 'Threat', color: '#e6194b', description: 'danger to the nation' },
    { name: 'Victim', color: '#3cb44b' },
    { name: 'Protest naming', color: '#4363d8', include: 'riot, unrest' },
  ],
  docLabels: [
    { name: 'Stance', kind: 'single', options: ['pro', 'con', 'neutral'] },
    { name: 'Frames', kind: 'multiple', options: ['Economic', 'Security'] },
  ],
};

describe('codebook diff', () => {
  it('lists additions, removals, redefinitions, and renames it can be sure of', () => {
    const v2: Codebook = {
      version: 2,
      spanLabels: [
        { name: 'Security threat', color: '#e6194b', description: 'danger to the nation' },
        { name: 'Protest naming', color: '#4363d8', include: 'riot, unrest, disturbance', hotkey: '3' },
        { name: 'Hero', color: '#911eb4' },
      ],
      docLabels: [
        { name: 'Stance', kind: 'single', options: ['supportive', 'con', 'neutral', 'mixed'] },
        { name: 'Frame', kind: 'multiple', options: ['Economic', 'Security'] },
      ],
    };
    expect(diffCodebooks(v1, v2, { options: { Stance: { pro: 'supportive' } } })).toEqual([
      { kind: 'label-added', label: 'Hero' },
      { kind: 'label-removed', label: 'Victim' },
      { kind: 'label-renamed', from: 'Threat', to: 'Security threat' },
      { kind: 'label-changed', label: 'Protest naming', fields: ['include', 'hotkey'] },
      { kind: 'group-renamed', from: 'Frames', to: 'Frame' },
      { kind: 'option-added', group: 'Stance', option: 'mixed' },
      { kind: 'option-renamed', group: 'Stance', from: 'pro', to: 'supportive' },
    ]);
  });

  it('an unsure rename stays a removal and an addition; a named one is a rename even with changes', () => {
    const v2: Codebook = {
      ...v1,
      version: 2,
      spanLabels: [...v1.spanLabels.filter((l) => l.name !== 'Victim'), { name: 'Sufferer', color: '#ffffff' }],
    };
    expect(diffCodebooks(v1, v2)).toEqual([
      { kind: 'label-added', label: 'Sufferer' },
      { kind: 'label-removed', label: 'Victim' },
    ]);
    expect(diffCodebooks(v1, v2, { labels: { Victim: 'Sufferer' } })).toEqual([
      { kind: 'label-renamed', from: 'Victim', to: 'Sufferer' },
      { kind: 'label-changed', label: 'Sufferer', fields: ['color'] },
    ]);
  });

  it('no change, no entry lines', () => {
    expect(diffCodebooks(v1, { ...v1, version: 2 })).toEqual([]);
  });

  it('lists relation types added, removed, renamed and redefined; a label rename they follow is no change', () => {
    const withTypes: Codebook = {
      ...v1,
      relationTypes: [
        { name: 'blames', color: '#111111', source: ['Threat'], target: ['Victim'] },
        { name: 'refers to', color: '#222222' },
        { name: 'same as', color: '#333333', symmetric: true },
      ],
    };
    const next: Codebook = {
      ...withTypes,
      version: 2,
      spanLabels: withTypes.spanLabels.map((l) => (l.name === 'Victim' ? { ...l, name: 'Sufferer' } : l)),
      relationTypes: [
        { name: 'accuses', color: '#111111', source: ['Threat'], target: ['Sufferer'] },
        { name: 'refers to', color: '#222222', description: 'a naming points at a group', symmetric: true },
        { name: 'supports', color: '#444444' },
      ],
    };
    const changes = diffCodebooks(withTypes, next, { labels: { Victim: 'Sufferer' } });
    expect(changes).toEqual([
      { kind: 'label-renamed', from: 'Victim', to: 'Sufferer' },
      { kind: 'relation-type-added', type: 'supports' },
      { kind: 'relation-type-removed', type: 'same as' },
      { kind: 'relation-type-renamed', from: 'blames', to: 'accuses' },
      { kind: 'relation-type-changed', type: 'refers to', fields: ['description', 'symmetric'] },
    ]);
    expect(changes.slice(1).map(describeChange)).toEqual([
      'relation type “supports” added',
      'relation type “same as” removed',
      'relation type “blames” renamed “accuses”',
      'relation type “refers to”: description, symmetric changed',
    ]);
    const narrowed = { ...next, relationTypes: [{ ...next.relationTypes![0], target: ['Threat'] }] };
    expect(diffCodebooks(next, narrowed, {}).filter((c) => c.kind === 'relation-type-changed')).toEqual([
      { kind: 'relation-type-changed', type: 'accuses', fields: ['target'] },
    ]);
  });
});

describe('changelog', () => {
  it('records who, when and why, and refuses an edit without a reason', () => {
    const v2: Codebook = { ...v1, version: 2, spanLabels: v1.spanLabels.slice(0, 2) };
    const e = changelogEntry(v1, v2, {
      at: '2025-03-10T09:00:00Z',
      by: 'lead',
      why: ' coders could not tell it apart ',
    });
    expect(e).toEqual({
      fromVersion: 1,
      toVersion: 2,
      at: '2025-03-10T09:00:00Z',
      by: 'lead',
      why: 'coders could not tell it apart',
      changes: [{ kind: 'label-removed', label: 'Protest naming' }],
    });
    expect(() => changelogEntry(v1, v2, { at: 'now', by: 'lead', why: ' ' })).toThrow(/say why/);
    expect(describeChange(e.changes[0])).toBe('span label “Protest naming” removed');
  });

  it('picks the entries between two frozen versions', () => {
    const e = (from: number, to: number) => ({
      fromVersion: from,
      toVersion: to,
      at: `t${to}`,
      by: 'x',
      why: 'y',
      changes: [],
    });
    const log = [e(3, 4), e(1, 2), e(2, 3)];
    expect(changesBetween(log, 2, 4).map((x) => x.toVersion)).toEqual([3, 4]);
    expect(changesBetween(log, 0, 2).map((x) => x.toVersion)).toEqual([2]);
  });
});
