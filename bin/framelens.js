#!/usr/bin/env node
// The `framelens` command: runs the TypeScript CLI (src/cli) through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
