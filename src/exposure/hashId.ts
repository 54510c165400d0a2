/**
 * A 53-bit hash of an item id (cyrb53, a public-domain mix of two 32-bit multiplicative hashes),
 * as a base-36 string. The state remembers recently shown recovery items by this hash so that
 * its size does not depend on the length of the ids, and the ids themselves are not stored.
 * Two ids collide with probability about 2⁻⁵³ per pair; a collision only delays a recovery item.
 *
 * @internal
 */
export function hashId(id: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < id.length; i++) {
    const ch = id.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
