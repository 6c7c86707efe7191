// Where the built app's pieces live, all relative to the app folder (the one holding package.json).
import { join } from 'node:path';

/** One place that knows electron-vite's output layout (electron.vite.config.ts) and the sample project. */
interface AppPaths {
  preload: string;
  rendererIndex: string;
  sampleProject: string;
}

/**
 * Derive every path from app.getAppPath() so dev, `electron .` and a packaged app agree; an installed app
 * carries the sample outside its archive (electron-builder's extraResources), in `resourcesPath`.
 */
export function appPaths(appPath: string, resourcesPath?: string): AppPaths {
  return {
    preload: join(appPath, 'out', 'preload', 'index.cjs'),
    rendererIndex: join(appPath, 'out', 'renderer', 'index.html'),
    sampleProject: resourcesPath ? join(resourcesPath, 'sample') : join(appPath, 'annotations'),
  };
}
