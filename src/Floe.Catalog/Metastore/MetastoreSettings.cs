using Floe.Common.Errors;

namespace Floe.Catalog.Metastore;

/// <summary>Which database holds the metastore and how to reach it.</summary>
public sealed record MetastoreSettings
{
    private MetastoreSettings(MetastoreKind kind, string target)
    {
        Kind = kind;
        Target = target;
    }

    public MetastoreKind Kind { get; }

    /// <summary>The SQLite database file, or the PostgreSQL connection string.</summary>
    public string Target { get; }

    /// <summary>How long a statement waits for a lock held by another writer before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An embedded SQLite database in <paramref name="path"/> (created with its folder when missing).</summary>
    public static MetastoreSettings Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new MetastoreSettings(MetastoreKind.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>A PostgreSQL database (Npgsql connection string: <c>Host=...;Port=...;Database=...;Username=...</c>).</summary>
    public static MetastoreSettings Postgres(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The PostgreSQL metastore needs a connection string.");
        }

        return new MetastoreSettings(MetastoreKind.Postgres, connectionString);
    }

    /// <summary>Where the metastore is, for messages; a PostgreSQL password never appears.</summary>
    public override string ToString() => Kind == MetastoreKind.Sqlite
        ? $"sqlite:{Target}"
        : $"postgres:{new Npgsql.NpgsqlConnectionStringBuilder(Target) { Password = null }.ConnectionString}";
}

/// <summary>The database engines a metastore can live in.</summary>
public enum MetastoreKind
{
    Sqlite,
    Postgres,
}
