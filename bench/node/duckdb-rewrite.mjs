// Times DuckDB (one thread) rewriting Parquet files into one, as a reference for Floe's optimizing throughput.
// Usage: node duckdb-rewrite.mjs <runs> <codec> <level> <target.parquet> <input.parquet>...
// Each run: COPY (SELECT * FROM read_parquet([inputs])) TO target (FORMAT parquet, COMPRESSION codec[, COMPRESSION_LEVEL level]);
// level "default" leaves DuckDB's. Prints one JSON object: every run's wall seconds ("wall"), the CPU seconds the
// whole process used meanwhile ("cpu") and the target's size in bytes.
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync } from 'node:fs';

const [runsText, codec, level, target, ...inputs] = process.argv.slice(2);
const runs = Number.parseInt(runsText ?? '3', 10);
const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const levelOption = level === 'default' ? '' : `, COMPRESSION_LEVEL ${Number.parseInt(level, 10)}`;
const sql = `COPY (SELECT * FROM read_parquet([${inputs.map(quote).join(', ')}])) TO ${quote(target)} `
  + `(FORMAT parquet, COMPRESSION ${codec}${levelOption})`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads=1');
const wall = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const usage = process.cpuUsage();
  await connection.run(sql);
  const used = process.cpuUsage(usage);
  cpu.push((used.user + used.system) / 1e6);
  wall.push(Number(process.hrtime.bigint() - start) / 1e9);
}

console.log(JSON.stringify({ wall, cpu, bytes: statSync(target).size }));
