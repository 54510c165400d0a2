// The diversification building blocks: `mmr` and `dppGreedy` are public, `diversifyOrder` is what
// the re-ranking engine calls.
export { mmr } from './mmr.js';
export { dppGreedy } from './dppGreedy.js';
export { diversifyOrder } from './diversifyOrder.js';
export type {
  DppGreedyOptions,
  KernelInput,
  KernelMatrixLike,
  MmrOptions,
  VectorInput,
} from './types.js';
