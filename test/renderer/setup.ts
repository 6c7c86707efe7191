// The views other than Annotate load on first use (a dynamic import); in tests their modules are fetched
// up front, so a test's wait for a view measures the view, not the transform of its module graph.
import { beforeAll } from 'vitest';
import { preloadViews } from '../../src/renderer/app/views';

// Transforming every view's module graph can take a while on a busy machine.
beforeAll(async () => {
  await preloadViews();
}, 120_000);
