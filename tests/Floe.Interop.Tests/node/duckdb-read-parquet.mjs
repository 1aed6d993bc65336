// Reads a Parquet file with DuckDB and prints, as one JSON object: the rows of a query over the view `t`
// (default `select * from t`), DESCRIBE of that query, the column types of the file (`types`, DESCRIBE of
// `select * from t`), parquet_metadata() and parquet_schema() of the file.
// Usage: node duckdb-read-parquet.mjs <file.parquet> [query]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, query = 'select * from t'] = process.argv.slice(2);
if (!file) {
  console.error('usage: duckdb-read-parquet.mjs <file.parquet> [query]');
  process.exit(2);
}

const literal = `'${file.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`create view t as select * from read_parquet(${literal})`);

const json = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
const result = {
  rows: await json(query),
  describe: (await json(`describe ${query}`)).map((row) => ({ name: row.column_name, type: row.column_type })),
  types: (await json('describe select * from t')).map((row) => ({ name: row.column_name, type: row.column_type })),
  metadata: await json(`select * from parquet_metadata(${literal})`),
  schema: await json(`select * from parquet_schema(${literal})`),
};
console.log(JSON.stringify(result));
