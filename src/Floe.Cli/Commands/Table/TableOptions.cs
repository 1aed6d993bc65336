using System.CommandLine;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Mixed;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>The warehouse option and table argument every table verb takes, and opening the table they name.</summary>
internal sealed class TableOptions
{
    public Option<DirectoryInfo> Warehouse { get; } = new("--warehouse")
    {
        Description = "The warehouse folder of the filesystem catalog.",
        Required = true,
    };

    public Argument<string> Table { get; } = new("TABLE") { Description = "The table, as namespace.table." };

    public void AddTo(Command command)
    {
        command.Options.Add(Warehouse);
        command.Arguments.Add(Table);
    }

    public FileSystemCatalog Catalog(ParseResult parse) => new(parse.GetValue(Warehouse)!.FullName);

    public TableIdentifier Identifier(ParseResult parse) => TableIdentifier.Parse(parse.GetValue(Table)!);

    public Task<IcebergTable> OpenAsync(ParseResult parse, CancellationToken cancellationToken) =>
        Catalog(parse).OpenTableAsync(Identifier(parse), cancellationToken);

    /// <summary>The named table with both stores when it has a primary key; null for a plain table.</summary>
    public async Task<MixedTable?> OpenPrimaryKeyAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        FileSystemCatalog catalog = Catalog(parse);
        TableIdentifier identifier = Identifier(parse);
        return await catalog.IsPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false)
            ? await catalog.LoadPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false)
            : null;
    }
}
