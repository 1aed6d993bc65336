using Floe.Catalog.Metastore;

namespace Floe.Server.Configuration;

/// <summary>Which database keeps the internal catalogs, their table pointers and the tokens.</summary>
public sealed record MetastoreOptions
{
    public MetastoreKind Kind { get; init; } = MetastoreKind.Sqlite;

    /// <summary>The SQLite database file (absolute); used when <see cref="Kind"/> is SQLite.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>The Npgsql connection string; used when <see cref="Kind"/> is PostgreSQL.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// Whether a database that exists but has no Floe schema (an empty file, a foreign database) may be given one;
    /// without it the server refuses to start on such a database.
    /// </summary>
    public bool Initialize { get; init; }

    /// <summary>The settings the metastore opens with.</summary>
    public MetastoreSettings ToSettings() => Kind == MetastoreKind.Sqlite
        ? MetastoreSettings.Sqlite(SqlitePath ?? throw new InvalidOperationException("A SQLite metastore needs a path."))
        : MetastoreSettings.Postgres(ConnectionString ?? throw new InvalidOperationException("A PostgreSQL metastore needs a connection string."));
}
