import { ERROR } from './errorSchema.js';
import { ITEM_SCHEMAS } from './itemSchemas.js';
import type { SharedSchema } from './jsonSchema.js';
import { PRC_SCHEMAS } from './prcSchemas.js';
import { RESULT_SCHEMAS } from './resultSchemas.js';

/**
 * Every schema the routes share, registered with Fastify by `$id` and listed under
 * `components.schemas` in the OpenAPI document.
 *
 * @internal
 */
export const SHARED_SCHEMAS: readonly SharedSchema[] = [
  ERROR,
  ...ITEM_SCHEMAS,
  ...RESULT_SCHEMAS,
  ...PRC_SCHEMAS,
];
