// The installer configuration, checked without building (the Electron binary cannot be downloaded on every
// machine): valid against electron-builder's own schema and checks, every file it names exists, and the
// packaged file list (the `files` globs over the repository) holds the built app and no sources, tests or benches.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'));
const require = createRequire(import.meta.url);

describe('electron-builder configuration', () => {
  it("passes electron-builder's own validation (its JSON schema and deprecation checks)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    const { $schema: _, ...rest } = config;
    await expect(validateConfiguration(rest, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...rest, nonsense: 1 }, new DebugLogger(false))).rejects.toThrow(/nonsense/);
  });

  it('builds AppImage and deb, dmg for x64 and arm64, and NSIS, with an id, a name and icons that exist', () => {
    expect(config.appId).toBe('org.framelens.app');
    expect(config.productName).toBe('Frame Lens');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(config.win.target[0].target).toBe('nsis');
    for (const icon of [config.linux.icon, config.mac.icon, config.win.icon, 'build/icon.svg'])
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(existsSync(join(ROOT, config.linux.icon, `${size}x${size}.png`))).toBe(true);
    const png = readFileSync(join(ROOT, config.mac.icon));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
  });

  it('bundles the sample read-only as a resource where the app looks for it', () => {
    expect(config.extraResources).toEqual([{ from: 'annotations', to: 'sample', filter: ['**/*', '!**/.*'] }]);
    expect(existsSync(join(ROOT, 'annotations', 'project.json'))).toBe(true);
    const paths = readFileSync(join(ROOT, 'src', 'main', 'paths.ts'), 'utf8');
    expect(paths).toContain("join(resourcesPath, 'sample')");
  });

  it('packs out/ and package.json, and no sources, tests, benches or source maps', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/main/index.js.map'];
    const include = config.files.filter((p: string) => !p.startsWith('!'));
    const exclude = config.files.filter((p: string) => p.startsWith('!')).map((p: string) => p.slice(1));
    const packed = [...tracked, ...built].filter(
      (f) => picomatch.isMatch(f, include, { dot: true }) && !picomatch.isMatch(f, exclude, { dot: true }),
    );
    expect(packed).toEqual(expect.arrayContaining(['package.json', ...built.slice(0, 3)]));
    expect(packed).not.toContain('out/main/index.js.map');
    for (const f of packed) expect(f, f).toMatch(/^(out\/|package\.json$)/);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.scripts.dist).toContain('electron-builder');
  });
});
