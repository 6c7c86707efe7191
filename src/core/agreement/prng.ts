// The seeded PRNG lives in src/core/prng.ts; re-exported here for the agreement modules.
export { mulberry32, randomIndex } from '../prng';
