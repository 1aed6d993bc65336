using System.CommandLine;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.PrimaryKeys;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// The catalog options and table argument every table verb takes, and opening the catalog and table they name: the
/// one place a table verb opens its catalog. <c>--warehouse DIR</c> is a filesystem warehouse; <c>--catalog</c> is any
/// form <see cref="CatalogUri"/> opens (an Iceberg REST URI as <c>floe server</c> prints it, <c>sqlite:PATH</c>,
/// <c>postgres:CONNECTION</c>, a folder), falling back to <c>FLOE_CATALOG</c>; <c>--token</c> to <c>FLOE_TOKEN</c>.
/// </summary>
internal sealed class TableOptions
{
    /// <summary>The environment variable naming the catalog when neither <c>--warehouse</c> nor <c>--catalog</c> is given.</summary>
    public const string CatalogVariable = "FLOE_CATALOG";

    /// <summary>The environment variable holding the REST catalog's bearer token when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "FLOE_TOKEN";

    private Task<ICatalog>? _opened;

    public Option<DirectoryInfo?> Warehouse { get; } = new("--warehouse")
    {
        Description = "The warehouse folder of a filesystem catalog (or use --catalog).",
    };

    public Option<string?> CatalogUriOption { get; } = new("--catalog")
    {
        Description = $"The catalog: an http(s):// Iceberg REST URI as 'floe server' prints it, sqlite:PATH[#NAME], postgres:CONNECTION[#NAME] or a folder (default: ${CatalogVariable}).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The bearer token of a REST catalog (default: ${TokenVariable}); needed when the server runs with auth: token.",
    };

    public Argument<string> Table { get; } = new("TABLE") { Description = "The table, as namespace.table." };

    public void AddTo(Command command)
    {
        command.Options.Add(Warehouse);
        command.Options.Add(CatalogUriOption);
        command.Options.Add(Token);
        command.Arguments.Add(Table);
    }

    /// <summary>The catalog the options name, opened once per invocation and closed when the verb ends.</summary>
    public Task<ICatalog> CatalogAsync(ParseResult parse, CancellationToken cancellationToken) =>
        _opened ??= OpenCatalogAsync(parse, cancellationToken);

    public TableIdentifier Identifier(ParseResult parse) => TableIdentifier.Parse(parse.GetValue(Table)!);

    public async Task<IcebergTable> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ICatalog catalog = await CatalogAsync(parse, cancellationToken).ConfigureAwait(false);
        return await catalog.LoadTableAsync(Identifier(parse), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The named table with both stores when it has a primary key; null for a plain table.</summary>
    public async Task<PrimaryKeyTable?> OpenPrimaryKeyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ICatalog catalog = await CatalogAsync(parse, cancellationToken).ConfigureAwait(false);
        TableIdentifier identifier = Identifier(parse);
        return await catalog.IsPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false)
            ? await catalog.LoadPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false)
            : null;
    }

    private async Task<ICatalog> OpenCatalogAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        DirectoryInfo? warehouse = parse.GetValue(Warehouse);
        string? uri = parse.GetValue(CatalogUriOption);
        if (warehouse is not null && uri is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Use either --warehouse or --catalog, not both.");
        }

        if (warehouse is not null)
        {
            return new FileSystemCatalog(warehouse.FullName);
        }

        uri ??= Environment.GetEnvironmentVariable(CatalogVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (uri is null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"No catalog: use --warehouse DIR or --catalog URI ({CatalogUri.Forms}), or set {CatalogVariable}.");
        }

        string? token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        ICatalog catalog = await CatalogUri.OpenAsync(uri, new CatalogConnectOptions { Token = token }, cancellationToken).ConfigureAwait(false);
        return InvocationResources.Own(parse, catalog);
    }
}
