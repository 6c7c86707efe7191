import { describe, expect, it } from 'vitest';
import { IntList } from '../../src/core/intList';

describe('a growing list of integers', () => {
  it('keeps every value pushed, in order, past many doublings of a small start', () => {
    const list = new IntList(1);
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 65_537);
    for (const v of values) list.push(v);
    expect(list.length).toBe(1000);
    expect([...list.done()]).toEqual(values);
  });

  it('hands out a copy that later pushes do not touch', () => {
    const list = new IntList(2);
    list.push(1);
    const done = list.done();
    list.push(2);
    expect([...done]).toEqual([1]);
  });
});
