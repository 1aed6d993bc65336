// Reads an Avro container file with avsc: node avro-read.mjs FILE.avro
// Prints {"codec", "schema", "metadata", "records"} with records as canonical JSON.
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
    header = { codec, schema: type.schema(), metadata };
  })
  .on('data', (record) => records.push(canonical(record)))
  .on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  })
  .on('end', () => {
    process.stdout.write(JSON.stringify({ ...header, records }));
  });
