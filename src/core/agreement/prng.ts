export { mulberry32, randomIndex } from '../prng';
