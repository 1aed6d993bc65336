// Avro's snappy codec for avsc, written from the Snappy format description: a raw Snappy block followed by the
// big-endian CRC-32 of the uncompressed data. Node has no Snappy, so the compressor emits literals only (valid
// Snappy that any decoder reads) and the decompressor handles every element type.
import zlib from 'node:zlib';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(buffer) {
  if (typeof zlib.crc32 === 'function') {
    return zlib.crc32(buffer) >>> 0;
  }
  let crc = 0xffffffff;
  for (const byte of buffer) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function snappyDecode(input) {
  let ip = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const b = input[ip++];
    length += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) {
      break;
    }
  }
  const output = Buffer.alloc(length);
  let op = 0;
  while (ip < input.length) {
    const tag = input[ip++];
    const kind = tag & 3;
    if (kind === 0) {
      let n = tag >>> 2;
      if (n >= 60) {
        const extra = n - 59;
        n = 0;
        for (let i = 0; i < extra; i++) {
          n += input[ip + i] * 2 ** (8 * i);
        }
        ip += extra;
      }
      n += 1;
      input.copy(output, op, ip, ip + n);
      ip += n;
      op += n;
      continue;
    }
    let n;
    let offset;
    if (kind === 1) {
      n = 4 + ((tag >>> 2) & 7);
      offset = ((tag >>> 5) << 8) | input[ip++];
    } else if (kind === 2) {
      n = 1 + (tag >>> 2);
      offset = input.readUInt16LE(ip);
      ip += 2;
    } else {
      n = 1 + (tag >>> 2);
      offset = input.readUInt32LE(ip);
      ip += 4;
    }
    if (offset === 0 || offset > op) {
      throw new Error(`bad snappy copy offset ${offset} at output ${op}`);
    }
    for (let i = 0; i < n; i++, op++) {
      output[op] = output[op - offset];
    }
  }
  if (op !== length) {
    throw new Error(`snappy block decodes to ${op} bytes, declares ${length}`);
  }
  return output;
}

function snappyEncodeLiterals(data) {
  const parts = [];
  let n = data.length;
  const preamble = [];
  do {
    preamble.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  parts.push(Buffer.from(preamble));
  for (let start = 0; start < data.length; start += 65536) {
    const chunk = data.subarray(start, Math.min(start + 65536, data.length));
    const m = chunk.length - 1;
    parts.push(m < 60 ? Buffer.from([m << 2]) : Buffer.from([61 << 2, m & 0xff, m >>> 8]));
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

export function snappyDecompress(buffer, callback) {
  try {
    const data = snappyDecode(buffer.subarray(0, buffer.length - 4));
    const stored = buffer.readUInt32BE(buffer.length - 4);
    if (crc32(data) !== stored) {
      throw new Error('snappy block checksum mismatch');
    }
    callback(null, data);
  } catch (error) {
    callback(error);
  }
}

export function snappyCompress(buffer, callback) {
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(buffer));
  callback(null, Buffer.concat([snappyEncodeLiterals(buffer), checksum]));
}
