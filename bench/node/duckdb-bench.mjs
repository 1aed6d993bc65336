// Times DuckDB (one thread) writing and reading Parquet, for comparison with Floe.
// Usage: node duckdb-bench.mjs <source.parquet> <work-dir> <runs> <codec>=<floe-file>...
// Loads <source.parquet> into a temp table first (untimed). Then, per codec:
//  - write: COPY (SELECT * FROM t) TO ... (FORMAT parquet, COMPRESSION codec)
//  - scanFloe: full scan of the Floe-written file into memory (CREATE TEMP TABLE AS SELECT * FROM read_parquet(...))
//  - scanOwn: the same full scan of DuckDB's own file
//  - aggFloe: an aggregate over every column of the Floe-written file (decoding without materialising a table)
// Prints one JSON object with every run's wall time in seconds (measured around each statement) and, under the
// same names with a "Cpu" suffix, the CPU seconds the whole process used meanwhile (robust on a busy machine).
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { join } from 'node:path';

const [source, workDir, runsText, ...pairs] = process.argv.slice(2);
const runs = Number.parseInt(runsText ?? '3', 10);
const quote = (text) => `'${text.replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
await connection.run(`CREATE TEMP TABLE t AS SELECT * FROM read_parquet(${quote(source)})`);

const time = async (sql, cpu) => {
  const start = process.hrtime.bigint();
  const usage = process.cpuUsage();
  await connection.run(sql);
  const used = process.cpuUsage(usage);
  cpu.push((used.user + used.system) / 1e6);
  return Number(process.hrtime.bigint() - start) / 1e9;
};

const scan = async (file, cpu) => {
  const seconds = [];
  for (let i = 0; i < runs; i++) {
    seconds.push(await time(`CREATE OR REPLACE TEMP TABLE scanned AS SELECT * FROM read_parquet(${quote(file)})`, cpu));
    await connection.run('DROP TABLE scanned');
  }
  return seconds;
};

const results = {};
for (const pair of pairs) {
  const [codec, floeFile] = pair.split('=');
  const target = join(workDir, `duckdb-${codec}.parquet`);
  const write = [];
  const writeCpu = [];
  for (let i = 0; i < runs; i++) {
    write.push(await time(`COPY (SELECT * FROM t) TO ${quote(target)} (FORMAT parquet, COMPRESSION ${codec})`, writeCpu));
  }

  const aggFloe = [];
  const aggFloeCpu = [];
  for (let i = 0; i < runs; i++) {
    aggFloe.push(await time(
      `SELECT count(*), sum(id), sum(value), max(name), max(ts), sum(qty) FROM read_parquet(${quote(floeFile)})`, aggFloeCpu));
  }

  const scanFloeCpu = [];
  const scanOwnCpu = [];
  results[codec] = {
    write,
    writeCpu,
    scanFloe: await scan(floeFile, scanFloeCpu),
    scanFloeCpu,
    scanOwn: await scan(target, scanOwnCpu),
    scanOwnCpu,
    aggFloe,
    aggFloeCpu,
    bytes: statSync(target).size,
  };
}

console.log(JSON.stringify(results));
