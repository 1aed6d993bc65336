using Floe.Catalog.FileSystem;
using Floe.Catalog.Metastore;
using Floe.Catalog.Rest;
using Floe.Common.Errors;
using Floe.Http;

namespace Floe.Catalog;

/// <summary>
/// Opens any catalog from one string: a folder (a filesystem warehouse), <c>sqlite:PATH</c> or
/// <c>postgres:CONNECTION</c> (an internal catalog of that metastore, <c>#NAME</c> picks it, <c>default</c> without),
/// or an <c>http(s)://</c> Iceberg REST base URI (Floe: <c>http://host:1630/api/iceberg/rest</c>, <c>?warehouse=NAME</c>
/// picks the catalog). A REST or metastore catalog holds connections: dispose it (it is <see cref="IDisposable"/>).
/// </summary>
public static class CatalogUri
{
    /// <summary>The metastore catalog a <c>sqlite:</c> or <c>postgres:</c> string opens without <c>#NAME</c>.</summary>
    public const string DefaultCatalogName = "default";

    /// <summary>The forms <see cref="OpenAsync"/> accepts, for messages.</summary>
    public const string Forms = "a warehouse folder, sqlite:PATH[#CATALOG], postgres:CONNECTION[#CATALOG] or an http(s):// Iceberg REST URI";

    public static async Task<ICatalog> OpenAsync(string catalog, CatalogConnectOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        options ??= new CatalogConnectOptions();
        string text = catalog.Trim();
        if (text.Length == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The catalog is empty: expected {Forms}.");
        }

        return SchemeOf(text) switch
        {
            null => new FileSystemCatalog(text),
            "file" => new FileSystemCatalog(FilePath(text)),
            "http" or "https" => await OpenRestAsync(text, options, cancellationToken).ConfigureAwait(false),
            "sqlite" => await OpenMetastoreAsync(text, "sqlite:", MetastoreKind.Sqlite, cancellationToken).ConfigureAwait(false),
            "postgres" => await OpenMetastoreAsync(text, "postgres:", MetastoreKind.Postgres, cancellationToken).ConfigureAwait(false),
            var other => throw new FloeException(FloeErrorKind.InvalidArgument, $"Unknown catalog scheme '{other}:' in '{text}': expected {Forms}."),
        };
    }

    /// <summary>The scheme before the first ':', lower-cased; null for a path (including a drive letter such as <c>C:\</c>).</summary>
    private static string? SchemeOf(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(text[0]))
        {
            return null;
        }

        for (int i = 1; i < colon; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) && text[i] is not ('+' or '-' or '.'))
            {
                return null;
            }
        }

        return text[..colon].ToLowerInvariant();
    }

    private static string FilePath(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && uri.IsFile
            ? uri.LocalPath
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid catalog '{text}': not a file URI.");

    private static async Task<ICatalog> OpenRestAsync(string text, CatalogConnectOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid catalog '{text}': not an http(s) URI.");
        }

        string? warehouse = null;
        foreach (string pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            warehouse = name == "warehouse" && eq > 0
                ? Uri.UnescapeDataString(pair[(eq + 1)..])
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid catalog '{text}': the only query parameter is warehouse=NAME, not '{name}'.");
        }

        var baseUri = new UriBuilder(uri) { Query = string.Empty, Fragment = string.Empty }.Uri;
        return await RestCatalog.OpenAsync(new RestCatalogOptions
        {
            Uri = baseUri,
            Warehouse = warehouse,
            Auth = string.IsNullOrWhiteSpace(options.Token) ? null : new BearerTokenAuth(options.Token),
            FileIO = options.FileIO,
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ICatalog> OpenMetastoreAsync(string text, string prefix, MetastoreKind kind, CancellationToken cancellationToken)
    {
        string target = text[prefix.Length..];
        string name = DefaultCatalogName;
        int hash = target.LastIndexOf('#');
        if (hash >= 0)
        {
            name = target[(hash + 1)..];
            target = target[..hash];
        }

        if (target.Length == 0 || name.Length == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid catalog '{text}': expected {prefix}{(kind == MetastoreKind.Sqlite ? "PATH" : "CONNECTION")} with an optional #CATALOG.");
        }

        if (kind == MetastoreKind.Sqlite && !File.Exists(target))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"There is no metastore at '{Path.GetFullPath(target)}' (catalog '{text}').");
        }

        var settings = kind == MetastoreKind.Sqlite ? MetastoreSettings.Sqlite(target) : MetastoreSettings.Postgres(target);
        return await MetastoreDatabase.OpenCatalogAsync(settings, name, cancellationToken).ConfigureAwait(false);
    }
}
