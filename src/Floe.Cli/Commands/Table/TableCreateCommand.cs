using System.CommandLine;
using System.Globalization;
using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.Sql;

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
        var primaryKey = new Option<string?>("--primary-key") { Description = "Comma-separated key columns (not null): creates a primary-key table with base and change stores." };
        var buckets = new Option<int?>("--buckets") { Description = "Bucket count of a primary-key table's stores, a power of two (default 4)." };
        var command = new Command("create", "Create a table (and its namespace when missing).") { schema, partitionBy, sortBy, property, primaryKey, buckets };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            Schema parsed = SqlSchema.Parse(parse.GetValue(schema)!, "--schema");
            PartitionSpec? spec = parse.GetValue(partitionBy) is { } specText ? SqlPartition.Parse(specText, parsed, subject: "--partition-by") : null;
            SortOrder? order = parse.GetValue(sortBy) is { } sortText ? SqlSortOrder.Parse(sortText, parsed, "--sort-by") : null;
            Dictionary<string, string> properties = PropertyPairs.Parse(parse.GetValue(property) ?? []);
            ICatalog catalog = await table.CatalogAsync(parse, ct).ConfigureAwait(false);
            TableIdentifier identifier = table.Identifier(parse);
            if (!await catalog.NamespaceExistsAsync(identifier.Namespace, ct).ConfigureAwait(false))
            {
                await catalog.CreateNamespaceAsync(identifier.Namespace, ct).ConfigureAwait(false);
            }

            if (parse.GetValue(primaryKey) is { } keyText)
            {
                await CreatePrimaryKeyTableAsync(table, parse, identifier, parsed, spec, order, properties, keyText, parse.GetValue(buckets), context, ct).ConfigureAwait(false);
                return;
            }

            if (parse.GetValue(buckets) is not null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "--buckets needs --primary-key: only primary-key tables are bucketed.");
            }

            TableMetadata metadata = await catalog.CreateTableAsync(identifier, parsed, spec, order, properties, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"created {identifier} at {metadata.Location}").ConfigureAwait(false);
        });
        return command;
    }

    private static async Task CreatePrimaryKeyTableAsync(
        TableOptions table, ParseResult parse, TableIdentifier identifier, Schema schema, PartitionSpec? spec, SortOrder? order,
        Dictionary<string, string> properties, string keyText, int? buckets, CommandContext context, CancellationToken ct)
    {
        if (order is { IsUnsorted: false })
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "--sort-by is not supported with --primary-key: primary-key tables are laid out by key hash.");
        }

        string[] key = keyText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (buckets is int count)
        {
            string text = count.ToString(CultureInfo.InvariantCulture);
            PrimaryKeyTableProperties.ParseBuckets("--buckets", text);
            properties[PrimaryKeyTableProperties.BaseHashBucket] = text;
            properties[PrimaryKeyTableProperties.ChangeHashBucket] = text;
        }

        ICatalog catalog = await table.CatalogAsync(parse, ct).ConfigureAwait(false);
        PrimaryKeyTable created = await catalog.CreatePrimaryKeyTableAsync(identifier, schema, key, spec, properties, ct).ConfigureAwait(false);
        await context.Output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"created {identifier} at {created.Location} with primary key ({created.PrimaryKey.PropertyValue}) in {created.BaseBuckets} buckets")).ConfigureAwait(false);
    }
}
