// Reads a Parquet file with DuckDB and prints, as one JSON object: the rows of a query over the view `t`
// (default `select * from t`), DESCRIBE of that query, the column types of the file (`types`, DESCRIBE of
// `select * from t`), parquet_metadata() and parquet_schema() of the file.
// Usage: node duckdb-read-parquet.mjs <file.parquet> [query]
//        node duckdb-read-parquet.mjs --many <query> <file.parquet>...   (prints a JSON array, one object per file)
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
const many = args[0] === '--many';
const query = args[1] ?? 'select * from t';
const files = many ? args.slice(2) : args.slice(0, 1);
if (files.length === 0) {
  console.error('usage: duckdb-read-parquet.mjs <file.parquet> [query] | --many <query> <file.parquet>...');
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const json = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

const read = async (file) => {
  const literal = `'${file.replaceAll("'", "''")}'`;
  await connection.run(`create or replace view t as select * from read_parquet(${literal})`);
  return {
    rows: await json(query),
    describe: (await json(`describe ${query}`)).map((row) => ({ name: row.column_name, type: row.column_type })),
    types: (await json('describe select * from t')).map((row) => ({ name: row.column_name, type: row.column_type })),
    metadata: await json(`select * from parquet_metadata(${literal})`),
    schema: await json(`select * from parquet_schema(${literal})`),
  };
};

const results = [];
for (const file of files) {
  results.push(await read(file));
}

console.log(JSON.stringify(many ? results : results[0]));
