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
