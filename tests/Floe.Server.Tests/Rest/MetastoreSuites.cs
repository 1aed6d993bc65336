namespace Floe.Server.Tests.Rest;

// The conformance suites against internal catalogs in a SQLite and a PostgreSQL metastore.

public sealed class ConfigOnSqlite(SqliteBareHost backend) : ConfigConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class NamespacesOnSqlite(SqliteBareHost backend) : NamespaceConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class TablesOnSqlite(SqliteBareHost backend) : TableConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class CommitsOnSqlite(SqliteBareHost backend) : CommitConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class TransactionsOnSqlite(SqliteBareHost backend) : TransactionConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class ProtocolOnSqlite(SqliteBareHost backend) : ProtocolConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class LibraryInteropOnSqlite(SqliteBareHost backend) : LibraryInteropConformance<SqliteBareHost>(backend), IClassFixture<SqliteBareHost>;

public sealed class ConfigOnPostgres(PostgresBareHost backend) : ConfigConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class NamespacesOnPostgres(PostgresBareHost backend) : NamespaceConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class TablesOnPostgres(PostgresBareHost backend) : TableConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class CommitsOnPostgres(PostgresBareHost backend) : CommitConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class TransactionsOnPostgres(PostgresBareHost backend) : TransactionConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class ProtocolOnPostgres(PostgresBareHost backend) : ProtocolConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;

public sealed class LibraryInteropOnPostgres(PostgresBareHost backend) : LibraryInteropConformance<PostgresBareHost>(backend), IClassFixture<PostgresBareHost>;
