using System.CommandLine;
using System.Globalization;
using Floe.Core.Metadata;
using Floe.Core.Sorting;
using Floe.Core.Types;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table describe ns.tbl</c>: schema, partition spec, sort order, properties, current snapshot, location; for a
/// primary-key table (whose base store this is) also its key, buckets, change store and base bucket nodes.
/// </summary>
internal static class TableDescribeCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        var command = new Command("describe", "Print the table's location, format version, schema, partition spec, sort order, properties and current snapshot.");
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            TableMetadata metadata = opened.Metadata;
            TextWriter output = context.Output;
            await output.WriteLineAsync($"table: {table.Identifier(parse)}").ConfigureAwait(false);
            await output.WriteLineAsync($"location: {metadata.Location}").ConfigureAwait(false);
            await output.WriteLineAsync($"format-version: {metadata.FormatVersion}").ConfigureAwait(false);
            await output.WriteLineAsync($"uuid: {metadata.TableUuid}").ConfigureAwait(false);
            await output.WriteLineAsync($"schema (id {metadata.CurrentSchemaId}):").ConfigureAwait(false);
            foreach (NestedField field in metadata.CurrentSchema.Columns)
            {
                string required = field.IsRequired ? " not null" : string.Empty;
                await output.WriteLineAsync($"  {field.Id}: {field.Name} {field.Type}{required}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"partition spec (id {metadata.DefaultSpecId}):{(metadata.DefaultSpec.Fields.Count == 0 ? " unpartitioned" : string.Empty)}").ConfigureAwait(false);
            foreach (var field in metadata.DefaultSpec.Fields)
            {
                string source = metadata.CurrentSchema.FindColumnName(field.SourceId) ?? field.SourceId.ToString(CultureInfo.InvariantCulture);
                await output.WriteLineAsync($"  {field.FieldId}: {field.Name} = {field.Transform}({source})").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"sort order (id {metadata.DefaultSortOrderId}):{(metadata.DefaultSortOrder.Fields.Count == 0 ? " unsorted" : string.Empty)}").ConfigureAwait(false);
            foreach (var field in metadata.DefaultSortOrder.Fields)
            {
                string source = metadata.CurrentSchema.FindColumnName(field.SourceId) ?? field.SourceId.ToString(CultureInfo.InvariantCulture);
                await output.WriteLineAsync($"  {field.Transform}({source}) {(field.Direction == SortDirection.Ascending ? "asc" : "desc")} {(field.NullOrder == NullOrder.NullsFirst ? "nulls first" : "nulls last")}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("properties:").ConfigureAwait(false);
            foreach (KeyValuePair<string, string> property in metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                await output.WriteLineAsync($"  {property.Key}={property.Value}").ConfigureAwait(false);
            }

            Snapshot? current = metadata.CurrentSnapshot;
            await output.WriteLineAsync(current is null
                ? "current snapshot: none"
                : $"current snapshot: {current.SnapshotId} ({current.Operation}, {SnapshotText.Time(current.TimestampMs)}, {current.Summary.GetValueOrDefault("total-records", "?")} records)").ConfigureAwait(false);
            if (PrimaryKeyTableProperties.IsPrimaryKey(metadata) && await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is { } keyed)
            {
                await PrimaryKeyDescription.WriteAsync(output, keyed, ct).ConfigureAwait(false);
            }
        });
        return command;
    }
}
