/**
 * CRC-16/XMODEM (polynomial 0x1021, initial value 0) of the key's UTF-8 bytes, the checksum
 * Redis Cluster hashes keys with (Redis Cluster specification, "Keys distribution model").
 */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let b = 0; b < 256; b++) {
    let crc = b << 8;
    for (let k = 0; k < 8; k++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[b] = crc;
  }
  return table;
})();

const encoder = new TextEncoder();

/**
 * The Redis Cluster hash slot of a key: CRC-16 of its hash tag (the text between the first `{`
 * and the next `}`, when that is not empty) or else of the whole key, modulo 16,384.
 *
 * @param key - the key
 * @returns its slot in [0, 16384)
 * @internal
 */
export function hashSlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  let crc = 0;
  for (const byte of encoder.encode(key))
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!;
  return crc & 0x3fff;
}
