import { describe, expect, it } from 'vitest';
import { projectArg, userArgs } from '../../src/main/project';

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
