/**
 * The Redis state store, for services with many replicas: `feed-rebalancer/redis`. Needs the
 * optional peer dependency `ioredis`; the core package never loads this entry.
 *
 * @packageDocumentation
 */
export { RedisStateStore } from './RedisStateStore.js';
export type { RedisStateStoreOptions } from './options.js';
export { migrateStateKeys } from './migrateStateKeys.js';
export type { MigrateStateKeysOptions, MigrateStateKeysResult } from './migrateStateKeys.js';
export { consumeImpressions } from './consume/consumeImpressions.js';
export type { ConsumeImpressionsOptions, ConsumeImpressionsStats } from './consume/options.js';
export { pickStream } from './consume/pickStream.js';
