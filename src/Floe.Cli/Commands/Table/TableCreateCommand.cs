using System.CommandLine;
using Floe.Catalog;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Cli.Commands.Table;

/// <summary><c>floe table create ns.tbl --schema '...' [--partition-by ...] [--sort-by ...] [--property k=v]...</c></summary>
internal static class TableCreateCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        var schema = new Option<string>("--schema")
        {
            Description = "Columns: 'name type [not null], ...' with Iceberg types, e.g. 'id long not null, price decimal(9,2), tags list<string>'.",
            Required = true,
        };
        var partitionBy = new Option<string?>("--partition-by") { Description = "Partition spec, e.g. 'bucket(16, id), day(ts)'." };
        var sortBy = new Option<string?>("--sort-by") { Description = "Sort order, e.g. 'id desc nulls last, name'." };
        var property = new Option<string[]>("--property") { Description = "A table property key=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("create", "Create a table (and its namespace when missing).") { schema, partitionBy, sortBy, property };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            Schema parsed = SchemaText.Parse(parse.GetValue(schema)!);
            PartitionSpec? spec = parse.GetValue(partitionBy) is { } specText ? PartitionSpecParser.Parse(parsed, specText) : null;
            SortOrder? order = parse.GetValue(sortBy) is { } sortText ? SortOrderParser.Parse(parsed, sortText) : null;
            Dictionary<string, string> properties = PropertyPairs.Parse(parse.GetValue(property) ?? []);
            ICatalog catalog = table.Catalog(parse);
            TableIdentifier identifier = table.Identifier(parse);
            if (!await catalog.NamespaceExistsAsync(identifier.Namespace, ct).ConfigureAwait(false))
            {
                await catalog.CreateNamespaceAsync(identifier.Namespace, ct).ConfigureAwait(false);
            }

            TableMetadata metadata = await catalog.CreateTableAsync(identifier, parsed, spec, order, properties, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"created {identifier} at {metadata.Location}").ConfigureAwait(false);
        });
        return command;
    }
}
