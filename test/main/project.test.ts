import { describe, expect, it, vi } from 'vitest';
import { projectArg, startFirst, startupCandidates, userArgs } from '../../src/main/project';

describe('command line', () => {
  it('drops the executable (and the app folder when unpackaged)', () => {
    expect(userArgs(['/usr/bin/electron', '.', 'study'], false)).toEqual(['study']);
    expect(userArgs(['/opt/Frame Lens/framelens', 'study'], true)).toEqual(['study']);
  });

  it('reads --project DIR, --project=DIR, or the first non-flag argument', () => {
    expect(projectArg(['--project', 'a'])).toBe('a');
    expect(projectArg(['--inspect=9229', '--project=b'])).toBe('b');
    expect(projectArg(['--no-sandbox', 'c', 'd'])).toBe('c');
    expect(projectArg(['--enable-logging'])).toBeNull();
    expect(projectArg([])).toBeNull();
  });
});

describe('startup project', () => {
  const sample = '/opt/framelens/annotations';

  it('prefers the command line, resolved against the working directory', () => {
    expect(startupCandidates('study', ['/r1'], sample, '/home/u', () => true)).toEqual(['/home/u/study', sample]);
  });

  it('else the most recent project that still exists', () => {
    const exists = (p: string) => p !== '/gone';
    expect(startupCandidates(null, ['/gone', '/r2', '/r3'], sample, '/home/u', exists)).toEqual(['/r2', sample]);
  });

  it('else the bundled sample', () => {
    expect(startupCandidates(null, [], sample, '/home/u', () => true)).toEqual([sample]);
  });

  it('falls through to the next candidate when one fails to open, reporting it', async () => {
    const report = vi.fn();
    const start = vi.fn(async (dir: string) => {
      if (dir === '/broken') throw new Error('bad project.json');
      return `service on ${dir}`;
    });
    await expect(startFirst(['/broken', sample], start, report)).resolves.toBe(`service on ${sample}`);
    expect(report).toHaveBeenCalledWith('/broken', expect.any(Error));
  });

  it('fails when no candidate opens', async () => {
    const start = vi.fn(async () => {
      throw new Error('nope');
    });
    await expect(startFirst(['/x'], start, () => undefined)).rejects.toThrow('nope');
  });
});
