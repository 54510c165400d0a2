/**
 * JSON Schema values as the server writes them. Every schema is written once, as a plain object,
 * and used three times: Fastify validates requests with it (Ajv), serialises responses with it
 * (fast-json-stringify), and the OpenAPI document is built from it. Only keywords that mean the
 * same in JSON Schema draft-07 (Ajv's default) and 2020-12 (OpenAPI 3.1) are used: no
 * `nullable`, no tuple `items`, no `$defs`; a nullable value is `type: [t, 'null']`.
 */

/**
 * A JSON Schema object.
 *
 * @internal
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A schema shared by several routes: registered once with Fastify under `$id` and listed under
 * `components.schemas` in the OpenAPI document.
 *
 * @internal
 */
export interface SharedSchema {
  readonly $id: string;
  readonly [keyword: string]: unknown;
}

/**
 * A reference to a shared schema, in the form Fastify resolves (`Item#`); the OpenAPI builder
 * rewrites it to `#/components/schemas/Item`.
 *
 * @param schema - the shared schema
 * @returns `{ $ref: '<$id>#' }`
 * @internal
 */
export function ref(schema: SharedSchema): JsonSchema {
  return { $ref: `${schema.$id}#` };
}

/**
 * An object schema: `properties`, the `required` ones, and whether other fields are refused
 * (`closed`, the default for the versioned API, where a misspelt field must not pass silently)
 * or accepted and ignored (as the challenge's pydantic models do).
 *
 * @internal
 */
export function object(
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
  options: {
    readonly closed?: boolean;
    readonly description?: string;
    readonly title?: string;
  } = {},
): JsonSchema {
  const { closed = true, description, title } = options;
  return {
    type: 'object',
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    properties,
    ...(required.length === 0 ? {} : { required }),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

/**
 * A schema that also admits `null`, for scalar schemas with a single `type`.
 *
 * @internal
 */
export function orNull(schema: JsonSchema): JsonSchema {
  const type = schema.type;
  if (typeof type !== 'string') throw new Error('orNull: the schema needs a single type');
  const result: Record<string, unknown> = { ...schema, type: [type, 'null'] };
  if (Array.isArray(schema.enum)) result.enum = [...(schema.enum as unknown[]), null];
  return result;
}

/** A string with optional bounds. @internal */
export function string(
  description: string,
  bounds: { readonly min?: number; readonly max?: number; readonly pattern?: string } = {},
): JsonSchema {
  return {
    type: 'string',
    description,
    ...(bounds.min === undefined ? {} : { minLength: bounds.min }),
    ...(bounds.max === undefined ? {} : { maxLength: bounds.max }),
    ...(bounds.pattern === undefined ? {} : { pattern: bounds.pattern }),
  };
}

/** An array of `items` with at most `max` entries. @internal */
export function arrayOf(items: JsonSchema, max: number, description: string): JsonSchema {
  return { type: 'array', description, items, maxItems: max };
}
