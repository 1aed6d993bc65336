// Reads an Iceberg table with icebird (hyparquet's Iceberg reader, which Floe did not write) and prints its rows as
// one JSON array; 64-bit integers print as strings and dates as ISO text.
// icebird fetches every file by URL: the table's files are local paths, so fetch reads them from disk.
// Usage: node icebird-read.mjs <table location> <metadata file name>
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { icebergRead } from 'icebird';

const [tableUrl, metadataFileName] = process.argv.slice(2);
if (!tableUrl || !metadataFileName) {
  console.error('usage: icebird-read.mjs <table location> <metadata file name>');
  process.exit(2);
}

const networkFetch = globalThis.fetch;
globalThis.fetch = async (url, init) => {
  const text = String(url);
  if (!text.startsWith('file:') && !text.startsWith('/')) {
    return networkFetch(url, init);
  }
  // file:/a, file:///a and /a all name the local file /a.
  const path = text.startsWith('file://') ? fileURLToPath(text) : text.replace(/^file:/, '');
  try {
    return new Response(await readFile(path), { status: 200 });
  } catch (error) {
    return new Response(String(error), { status: 404 });
  }
};

const rows = await icebergRead({ tableUrl, metadataFileName });
const plain = (value) => {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};
console.log(JSON.stringify(rows.map(plain)));
