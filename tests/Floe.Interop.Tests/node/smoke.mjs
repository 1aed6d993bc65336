// Prints the versions of the independent implementations, proving they load.
import avro from 'avsc';
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll('select version() as v');
const duckdb = reader.getRowObjects()[0].v;
console.log(JSON.stringify({ avsc: typeof avro.Type.forSchema === 'function', duckdb }));
