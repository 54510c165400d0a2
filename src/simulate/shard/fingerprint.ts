import { createHash } from 'node:crypto';

/**
 * A fingerprint of a resolved run: `sha256:` and the hex SHA-256 of its canonical text. Every
 * resolved field counts, defaults included (the scenario's cohorts, the catalogue, the response
 * constants, the fitted learning rate), so shards written with other arguments — or by a library
 * version whose defaults differ — do not merge.
 *
 * @param value - plain data: objects, arrays, typed arrays, maps, numbers, strings, booleans, null
 * @returns `sha256:` followed by 64 hex digits
 * @internal
 */
export function fingerprint(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalText(value)).digest('hex')}`;
}

/**
 * JSON-like text of plain data with object keys sorted, numbers by `String` (exact, with `-0`
 * told from `0`), typed arrays and maps tagged, and `undefined` fields left out — the same text
 * for the same values however they were built.
 *
 * @throws Error for a function or a symbol, which no run spec holds
 * @internal
 */
export function canonicalText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new Error(`fingerprint: cannot fingerprint a ${typeof value}`);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const list = Array.from(value as unknown as ArrayLike<number>, canonicalText);
    return `${value.constructor.name}[${list.join(',')}]`;
  }
  if (value instanceof Map) {
    const entries = [...(value as Map<unknown, unknown>)].map(
      ([k, v]) => `${canonicalText(k)}:${canonicalText(v)}`,
    );
    return `Map{${entries.sort().join(',')}}`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort())
    if (record[key] !== undefined)
      parts.push(`${JSON.stringify(key)}:${canonicalText(record[key])}`);
  return `{${parts.join(',')}}`;
}
