// Writes Parquet files with DuckDB and prints, as JSON, the files written and the values they hold, so the
// Floe reader can be checked value by value against an independent writer.
//
//   node duckdb-write-parquet.mjs <outDir>             every codec, v1 and v2 pages, several row groups
//   node duckdb-write-parquet.mjs <outDir> --testdata  the few small files kept under tests/Floe.Parquet.Tests/TestData
//
// Expected values are rendered by DuckDB itself in exact text forms: integers as strings, decimals as DuckDB's
// text, dates as days since the epoch, times and timestamps as ticks since midnight or the epoch in the column's
// unit, blobs as hex, uuids in canonical form, nested values with to_json. Floats are JSON numbers.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, mode] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: node duckdb-write-parquet.mjs <outDir> [--testdata]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const rows = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

// Null in roughly one row out of `every`, at a different phase per column.
const maybe = (expr, every, phase) => `CASE WHEN (i + ${phase}) % ${every} = 0 THEN NULL ELSE ${expr} END`;

// [name, SQL value, SQL rendering the expected value from the column]
const columns = [
  ['id', 'i::BIGINT', 'id::VARCHAR'],
  ['b', maybe('i % 3 = 0', 7, 1), 'b'],
  ['i8', maybe('((i % 256) - 128)::TINYINT', 5, 2), 'i8::VARCHAR'],
  ['i16', maybe('((i * 37) % 65536 - 32768)::SMALLINT', 5, 3), 'i16::VARCHAR'],
  ['i32', maybe('((i::BIGINT * 2654435761) % 4294967296 - 2147483648)::INTEGER', 5, 4), 'i32::VARCHAR'],
  ['i64', maybe('((i::HUGEINT * 6364136223846793005) % 18446744073709551616 - 9223372036854775808)::BIGINT', 6, 0), 'i64::VARCHAR'],
  ['u8', maybe('(i % 256)::UTINYINT', 5, 1), 'u8::VARCHAR'],
  ['u16', maybe('((i * 37) % 65536)::USMALLINT', 5, 2), 'u16::VARCHAR'],
  ['u32', maybe('((i::BIGINT * 2654435761) % 4294967296)::UINTEGER', 5, 3), 'u32::VARCHAR'],
  ['u64', maybe('((i::HUGEINT * 1000003000000007) % 18446744073709551616)::UBIGINT', 5, 4), 'u64::VARCHAR'],
  ['f32', maybe('(i / 7.0 - 300)::FLOAT', 4, 1), 'f32::DOUBLE'],
  ['f64', maybe('(i / 3.0 - 1000)::DOUBLE', 4, 2), 'f64'],
  ['dec4', maybe('((i % 19999) / 100.0 - 99)::DECIMAL(4,2)', 8, 1), 'dec4::VARCHAR'],
  ['dec18', maybe('((i * 7919) / 1000.0 - 5000000)::DECIMAL(18,3)', 8, 2), 'dec18::VARCHAR'],
  ['dec38', maybe("(((i::HUGEINT * 123456789012345678901) // 7 - 5000000000000000000000)::VARCHAR || '.' || lpad(((i * 7919) % 10000000000)::VARCHAR, 10, '0'))::DECIMAL(38,10)", 8, 3), 'dec38::VARCHAR'],
  ['dt', maybe("DATE '1969-12-01' + (i * 13)::INTEGER", 9, 1), "(dt - DATE '1970-01-01')::VARCHAR"],
  ['tm', maybe("TIME '00:00:00' + INTERVAL (i * 7777777) MICROSECOND", 9, 2), 'epoch_us(tm)::VARCHAR'],
  ['ts', maybe("TIMESTAMP '1965-03-04 05:06:07.123456' + INTERVAL (i * 86399999) MICROSECOND", 9, 3), 'epoch_us(ts)::VARCHAR'],
  ['tstz', maybe("TIMESTAMPTZ '2020-01-01 00:00:00+00' + INTERVAL (i * 3600000001) MICROSECOND", 9, 4), 'epoch_us(tstz)::VARCHAR'],
  ['ts_ms', maybe("(TIMESTAMP '2001-02-03 04:05:06' + INTERVAL (i * 1001) MILLISECOND)::TIMESTAMP_MS", 9, 5), 'epoch_ms(ts_ms)::VARCHAR'],
  ['ts_ns', maybe('make_timestamp_ns(981173106000000000 + i * 999000001)', 9, 6), 'epoch_ns(ts_ns)::VARCHAR'],
  ['s', maybe("'row-' || i::VARCHAR || repeat('x', i % 13) || CASE WHEN i % 17 = 0 THEN ' ünïcødé €' ELSE '' END", 6, 1), 's'],
  ['low', maybe("['red', 'green', 'blue', 'cyan'][(i % 4) + 1]", 10, 1), 'low'],
  ['bl', maybe("('\\x' || lpad(to_hex(i % 256), 2, '0') || '\\x00\\xFF' || repeat('\\x41', i % 5))::BLOB", 6, 2), 'hex(bl)'],
  ['u', maybe("md5(i::VARCHAR)::UUID", 6, 3), 'u::VARCHAR'],
  ['st', maybe("{'a': " + maybe('i::INTEGER', 4, 0) + ", 'b': " + maybe("'s' || i::VARCHAR", 3, 0) + '}', 7, 2), 'to_json(st)'],
  ['li', maybe("CASE WHEN i % 5 = 1 THEN []::INTEGER[] ELSE [" + maybe('i::INTEGER', 3, 0) + ', (i * 2)::INTEGER, ' + maybe('(i * 3)::INTEGER', 4, 0) + '][1:(i % 4)] END', 6, 4), 'to_json(li)'],
  ['ls', maybe("[{'x': i::INTEGER, 'y': " + maybe("'y' || i::VARCHAR", 2, 0) + "}, {'x': NULL::INTEGER, 'y': 'z'}][1:(i % 3)]", 5, 3), 'to_json(ls)'],
  ['m', maybe("MAP(['k' || (i % 3)::VARCHAR, 'j' || i::VARCHAR][1:(i % 3)], [" + maybe('i::INTEGER', 2, 0) + ', (i + 1)::INTEGER][1:(i % 3)])', 7, 5), 'to_json(m)'],
  ['ll', maybe('[[i::INTEGER, ' + maybe('(i + 1)::INTEGER', 3, 0) + '], [], NULL::INTEGER[]][1:(i % 4)]', 6, 5), 'to_json(ll)'],
  ['sl', maybe("{'x': " + maybe('[i::INTEGER, NULL::INTEGER][1:(i % 3)]', 4, 1) + ", 'y': " + maybe("{'z': " + maybe("'z' || i::VARCHAR", 2, 1) + '}', 5, 2) + '}', 6, 3), 'to_json(sl)'],
  ['lm', maybe("[MAP(['a'], [i::INTEGER]), " + maybe("MAP(['b', 'c'], [NULL::INTEGER, (i * 2)::INTEGER])", 3, 2) + ', MAP([]::VARCHAR[], []::INTEGER[])][1:(i % 4)]', 7, 1), 'to_json(lm)'],
];

async function createTable(count) {
  const select = columns.map(([name, value]) => `${value} AS ${name}`).join(',\n  ');
  await connection.run(`CREATE OR REPLACE TABLE t AS SELECT\n  ${select}\nFROM range(${count}) r(i)`);
}

async function expected() {
  const select = columns.map(([name, , render]) => `${render} AS ${name}`).join(', ');
  const result = await rows(`SELECT ${select} FROM t ORDER BY t.id`);
  return result.map((row) => columns.map(([name]) => row[name] ?? null));
}

const files = [];
async function write(name, options) {
  const path = join(outDir, name);
  await connection.run(`COPY (SELECT * FROM t ORDER BY id) TO '${path}' (FORMAT parquet, ${options})`);
  const groups = await rows(`SELECT count(*)::INTEGER AS n FROM parquet_metadata('${path}') WHERE column_id = 0`);
  files.push({ name, options, rowGroups: groups[0].n });
}

if (mode === '--testdata') {
  await createTable(40);
  await write('duckdb_types.parquet', 'COMPRESSION snappy');
  await write('duckdb_types_v2.parquet', 'COMPRESSION zstd, PARQUET_VERSION v2');
} else {
  await createTable(5000);
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4_raw', 'brotli']) {
    await write(`v1_${codec}.parquet`, `COMPRESSION ${codec}, ROW_GROUP_SIZE 2048`);
  }
  for (const codec of ['uncompressed', 'snappy', 'zstd']) {
    await write(`v2_${codec}.parquet`, `COMPRESSION ${codec}, ROW_GROUP_SIZE 2048, PARQUET_VERSION v2`);
  }
}

console.log(JSON.stringify({ columns: columns.map(([name]) => name), files, rows: await expected() }));
