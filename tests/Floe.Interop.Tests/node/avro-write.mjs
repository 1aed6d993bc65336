// Writes an Avro container file with avsc: node avro-write.mjs SCHEMA.avsc OUT.avro CODEC(null|deflate|snappy)
// Prints the records it wrote as canonical JSON (one array).
import fs from 'node:fs';
import zlib from 'node:zlib';
import avro from 'avsc';
import { canonical } from './avro-canonical.mjs';
import { snappyCompress, snappyDecompress } from './avro-snappy.mjs';

const [schemaPath, outPath, codec] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
const type = avro.Type.forSchema(schema, { wrapUnions: false });

const hex = (text) => Buffer.from(text, 'hex');
const records = [];
for (let k = 1; k <= 40; k++) {
  const inner = { x: k, again: k % 2 === 0 ? { x: -k, again: null } : null };
  records.push({
    n: null,
    b: k % 2 === 1,
    i: -1000003 * k,
    l: 2 ** 40 + k * 1234567,
    f: 0.25 * k - 3,
    d: Math.PI * k,
    by: Buffer.from([0, 255, k, 128, 7]),
    s: `avsc ✓ naïve ${k} ` + 'x'.repeat(k),
    color: ['RED', 'GREEN', 'BLUE'][k % 3],
    md5: Buffer.alloc(16, k),
    tags: Array.from({ length: k % 4 }, (_, j) => `t${j}`),
    counts: Object.fromEntries(Array.from({ length: k % 3 }, (_, j) => [`c${j}`, j * 1000 - k])),
    opt: k % 3 === 0 ? null : `opt${k}`,
    choice: k % 3 === 0 ? null : k % 3 === 1 ? k / 8 : 'BLUE',
    inner,
    dec: hex('fe1dc0'),
    decf: Buffer.concat([Buffer.alloc(8, 0), hex('0000000000bc614e')]),
    uuid: 'f79c3e09-677c-4d9c-8f2e-2c4fa5ab5d6e',
    date: 19000 + k,
    tms: 45296789,
    tus: 45296789012,
    tsms: 1700000000123 + k,
    tsus: 1700000000123456 + k,
    lts: 1700000000123457,
    kv: [{ key: 1, value: 100 * k }, { key: 2, value: -200 }],
    nested: { a: [null, { x: 5, again: null }], b: [] },
  });
}

const encoder = avro.createFileEncoder(outPath, type, {
  codec,
  blockSize: 1024,
  codecs: { null: (buf, cb) => cb(null, buf), deflate: zlib.deflateRaw, snappy: snappyCompress },
  metadata: { 'floe.test': Buffer.from('written by avsc') },
});
for (const record of records) {
  encoder.write(record);
}
encoder.end();
encoder.on('finish', () => {
  process.stdout.write(JSON.stringify(records.map((r) => canonical(type.clone(r)))));
});
