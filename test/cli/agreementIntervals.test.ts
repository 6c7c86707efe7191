import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'framelens.js');
const SAMPLE = join(import.meta.dirname, '..', '..', 'annotations');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('framelens agreement --intervals on the two-document sample project', () => {
  it('--json: null bounds with the reason beside them and in null_reasons, never a number', () => {
    const r = run('agreement', SAMPLE, '--json', '--intervals', '--draws', '200');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    const why = '2 documents carry this figure; an interval needs at least 10';
    expect(out.spans.alpha_u.overall).toBeTypeOf('number');
    expect(out.intervals.method).toBe('percentile bootstrap over documents');
    expect(out.intervals.alpha_u.overall).toMatchObject({ lower: null, upper: null, verdict: null, reason: why });
    expect(out.null_reasons['/intervals/alpha_u/overall']).toBe(why);
    const frames = out.intervals.document_labels.Frames.options;
    for (const ci of Object.values(frames) as { lower: unknown; upper: unknown; reason: string }[]) {
      expect(ci.lower).toBeNull();
      expect(ci.upper).toBeNull();
      expect(ci.reason.length).toBeGreaterThan(0);
    }
  });

  it('text: says "no interval" and why, and gives no verdict', () => {
    const r = run('agreement', SAMPLE, '--intervals', '--draws', '200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Intervals: percentile bootstrap over documents, 200 draws, seed 1, 95%/);
    expect(r.out).toMatch(/α_U \(overall\).*no interval: 2 documents carry this figure/);
    expect(r.out).not.toMatch(/\breliable\b|\btentative\b/);
  });
});
