// What the renderer's stylesheet must guarantee that happy-dom cannot compute: the full name of a label shown
// short or cut appears on hover and on keyboard focus, outside the line's flow.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../src/renderer/styles.css'), 'utf8');

describe('styles.css', () => {
  it('shows data-full on hover and on keyboard focus, absolutely placed', () => {
    const rule = /\[data-full\]:hover::after,\s*\[data-full\]:focus-visible::after\s*\{([^}]*)\}/.exec(css);
    expect(rule).not.toBeNull();
    expect(rule?.[1]).toContain('content: attr(data-full)');
    expect(rule?.[1]).toContain('position: absolute');
  });
});
