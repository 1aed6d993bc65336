// Prints, as a JSON array, zlib's CRC-32 (unsigned) of byte ranges of a file, so page checksums written by Floe
// are checked against an independent implementation.
// Usage: node zlib-crc32.mjs <file> <offset>:<length>...
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

const [file, ...ranges] = process.argv.slice(2);
if (!file || typeof crc32 !== 'function') {
  console.error(file ? 'this Node.js has no zlib.crc32 (it needs 20.15 or later)' : 'usage: node zlib-crc32.mjs <file> <offset>:<length>...');
  process.exit(2);
}

const bytes = readFileSync(file);
console.log(JSON.stringify(ranges.map((range) => {
  const [offset, length] = range.split(':').map(Number);
  return crc32(bytes.subarray(offset, offset + length));
})));
