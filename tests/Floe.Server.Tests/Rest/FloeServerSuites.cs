namespace Floe.Server.Tests.Rest;

// The conformance suites against the real server over a SQLite and a PostgreSQL metastore.

public sealed class ConfigOnSqlite(SqliteFloeServer backend) : ConfigConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class NamespacesOnSqlite(SqliteFloeServer backend) : NamespaceConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class TablesOnSqlite(SqliteFloeServer backend) : TableConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class CommitsOnSqlite(SqliteFloeServer backend) : CommitConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class TransactionsOnSqlite(SqliteFloeServer backend) : TransactionConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class ProtocolOnSqlite(SqliteFloeServer backend) : ProtocolConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class LibraryInteropOnSqlite(SqliteFloeServer backend) : LibraryInteropConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class ConfigOnPostgres(PostgresFloeServer backend) : ConfigConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class NamespacesOnPostgres(PostgresFloeServer backend) : NamespaceConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class TablesOnPostgres(PostgresFloeServer backend) : TableConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class CommitsOnPostgres(PostgresFloeServer backend) : CommitConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class TransactionsOnPostgres(PostgresFloeServer backend) : TransactionConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class ProtocolOnPostgres(PostgresFloeServer backend) : ProtocolConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class LibraryInteropOnPostgres(PostgresFloeServer backend) : LibraryInteropConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;

public sealed class ChangeStoresOnSqlite(SqliteFloeServer backend) : ChangeStoreConformance<SqliteFloeServer>(backend), IClassFixture<SqliteFloeServer>;

public sealed class ChangeStoresOnPostgres(PostgresFloeServer backend) : ChangeStoreConformance<PostgresFloeServer>(backend), IClassFixture<PostgresFloeServer>;
