// The views other than Annotate load on first use (a dynamic import); in tests their modules are fetched
// up front, so a test's wait for a view measures the view, not the transform of its module graph.
// First: React looks for the devtools hook (renders.ts) when react-dom loads.
import './renders';
import { configure } from '@testing-library/react';
import { beforeAll } from 'vitest';
import '../../src/renderer/app/App';
import { preloadLater } from '../../src/renderer/ui/later';

// Every view and the codebook editor load at once in tests, as the app loads them once idle; transforming
// their module graphs can take a while on a busy machine.
beforeAll(async () => {
  await preloadLater();
}, 120_000);

// findBy and waitFor return as soon as what they wait for is shown; the default second before they give up
// is shorter than a loaded CI machine can take to render a report's figures, so they wait up to five, as the
// E2E polls do.
configure({ asyncUtilTimeout: 5000 });
