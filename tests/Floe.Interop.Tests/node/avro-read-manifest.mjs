// Reads an Iceberg manifest or manifest list with avsc: node avro-read-manifest.mjs FILE.avro
// Prints {"codec", "name", "metadata", "records"}: the top-level record name, header metadata as text, and records
// as canonical JSON (bytes as "hex:..."). avsc checks the schema itself, including the nested record names.
import zlib from 'node:zlib';
import avro from 'avsc';
import { canonical } from './avro-canonical.mjs';

const [path] = process.argv.slice(2);
const records = [];
let header = null;
avro.createFileDecoder(path, {
  parseHook: (schema) => avro.Type.forSchema(schema, { wrapUnions: false }),
  codecs: { null: (buf, cb) => cb(null, buf), deflate: zlib.inflateRaw },
})
  .on('metadata', (type, codec, head) => {
    const metadata = {};
    for (const [key, value] of Object.entries(head.meta)) {
      metadata[key] = value.toString('utf8');
    }
    header = { codec, name: type.name, metadata };
  })
  .on('data', (record) => records.push(canonical(record)))
  .on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  })
  .on('end', () => {
    process.stdout.write(JSON.stringify({ ...header, records }));
  });
