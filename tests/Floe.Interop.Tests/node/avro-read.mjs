// Reads an Avro container file with avsc: node avro-read.mjs FILE.avro [READER_SCHEMA.avsc]
// Prints {"codec", "schema", "metadata", "records"} with records as canonical JSON; with a reader schema, avsc
// resolves the writer's schema to it.
import fs from 'node:fs';
import zlib from 'node:zlib';
import avro from 'avsc';
import { canonical } from './avro-canonical.mjs';
import { snappyCompress, snappyDecompress } from './avro-snappy.mjs';

const [path, readerSchemaPath] = process.argv.slice(2);
const readerSchema = readerSchemaPath
  ? avro.Type.forSchema(JSON.parse(fs.readFileSync(readerSchemaPath, 'utf8')), { wrapUnions: false })
  : undefined;
const records = [];
let header = null;
avro.createFileDecoder(path, {
  parseHook: (schema) => avro.Type.forSchema(schema, { wrapUnions: false }),
  codecs: { null: (buf, cb) => cb(null, buf), deflate: zlib.inflateRaw, snappy: snappyDecompress },
  readerSchema,
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
