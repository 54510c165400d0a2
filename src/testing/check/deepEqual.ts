/**
 * Structural equality for plain JSON-like data with typed arrays: numbers by `Object.is` (so a
 * result that differs only in `-0` or `NaN` is a different result, bit for bit), arrays and typed
 * arrays element by element, objects by their own enumerable keys regardless of prototype.
 * Returns the JSON path of the first difference, or `null` when equal.
 *
 * @internal
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  return diff(a, b, path === '' ? '(root)' : path, new WeakMap());
}

function diff(a: unknown, b: unknown, path: string, seen: WeakMap<object, object>): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return path;
  // Cyclic data: a pair already under comparison is assumed equal (the rest decides).
  if (seen.get(a) === b) return null;
  seen.set(a, b);
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return path;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return path;
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length) return `${path}.length`;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${path}[${i}]`;
    return null;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a)) {
    const y = b as unknown[];
    if (a.length !== y.length) return `${path}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], y[i], `${path}[${i}]`, seen);
      if (d !== null) return d;
    }
    return null;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length)
    return `${path} (keys ${keysA.join(',')} vs ${keysB.join(',')})`;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return `${path}.${key}`;
    const d = diff(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
      seen,
    );
    if (d !== null) return d;
  }
  return null;
}

/**
 * A deep copy of plain JSON-like data with typed arrays, keeping null prototypes (other objects
 * such as dates or maps become plain objects of their own enumerable keys). Used to give a
 * target its own copy of a request and to remember the request as it was before the call.
 *
 * @internal
 */
export function deepCopy<T>(value: T): T {
  return copy(value, new WeakMap()) as T;
}

function copy(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (ArrayBuffer.isView(value)) {
    // Every typed array has a same-typed `slice`; a DataView is copied through its buffer.
    if (value instanceof DataView) return new DataView(value.buffer.slice(0));
    return (value as unknown as { slice(): unknown }).slice();
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], seen);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  const out = (proto === null ? Object.create(null) : {}) as Record<string, unknown>;
  seen.set(value, out);
  // defineProperty, not assignment: a key named `__proto__` stays a plain own property.
  for (const key of Object.keys(value))
    Object.defineProperty(out, key, {
      value: copy((value as Record<string, unknown>)[key], seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}
