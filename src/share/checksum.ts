/** CRC-32 (IEEE 802.3, as in zip and PNG) lookup table. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32 of a string's UTF-16 code units, as 8 lower-case hex digits: what a share link carries so that a
 * link damaged in transit (a character changed, dropped or added) is refused instead of opening something else.
 * @example crc32Hex('123456789') // 'cbf43926' (for ASCII text, the standard CRC-32 check value)
 */
export function crc32Hex(text: string): string {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    crc = TABLE[(crc ^ unit) & 0xff]! ^ (crc >>> 8);
    if (unit > 0xff) crc = TABLE[(crc ^ (unit >>> 8)) & 0xff]! ^ (crc >>> 8);
  }
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}
