using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Floe.Cli.Output;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Cli.Commands.Table;

/// <summary><c>floe table snapshots|history|files|rollback|set-property</c>.</summary>
internal static class TableSnapshotCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Snapshots();
        yield return History();
        yield return Files();
        yield return Rollback();
        yield return SetProperty();
    }

    private static Command Snapshots()
    {
        var table = new TableOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("snapshots", "List every snapshot: id, parent, time, operation, added and total records, manifest list.") { format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            string[] header = ["snapshot_id", "parent_id", "committed_at", "operation", "added_records", "total_records", "manifest_list"];
            IEnumerable<IReadOnlyList<string>> rows = opened.Metadata.Snapshots.Select(s => (IReadOnlyList<string>)
            [
                Id(s.SnapshotId), s.ParentSnapshotId is long p ? Id(p) : string.Empty, SnapshotText.Time(s.TimestampMs),
                s.Operation ?? string.Empty, s.Summary.GetValueOrDefault("added-records", "0"),
                s.Summary.GetValueOrDefault("total-records", string.Empty), s.ManifestList ?? string.Empty,
            ]);
            await WriteAsync(context.Output, parse.GetValue(format), header, rows).ConfigureAwait(false);
        });
        return command;
    }

    private static Command History()
    {
        var table = new TableOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("history", "List when each snapshot became current, and whether it is an ancestor of the current snapshot.") { format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            TableMetadata metadata = opened.Metadata;
            var ancestors = new HashSet<long>();
            for (Snapshot? s = metadata.CurrentSnapshot; s is not null && ancestors.Add(s.SnapshotId); s = s.ParentSnapshotId is long p ? metadata.SnapshotById(p) : null)
            {
            }

            string[] header = ["made_current_at", "snapshot_id", "parent_id", "is_current_ancestor"];
            IEnumerable<IReadOnlyList<string>> rows = metadata.SnapshotLog.Select(entry => (IReadOnlyList<string>)
            [
                SnapshotText.Time(entry.TimestampMs), Id(entry.SnapshotId),
                metadata.SnapshotById(entry.SnapshotId)?.ParentSnapshotId is long p ? Id(p) : string.Empty,
                ancestors.Contains(entry.SnapshotId) ? "true" : "false",
            ]);
            await WriteAsync(context.Output, parse.GetValue(format), header, rows).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Files()
    {
        var table = new TableOptions();
        var snapshot = new Option<long?>("--snapshot") { Description = "List the files of this snapshot instead of the current one." };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("files", "List the live data files: path, partition, records, size, delete files that apply.") { snapshot, format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            TableScan scan = opened.NewScan();
            if (parse.GetValue(snapshot) is long id)
            {
                if (opened.Metadata.SnapshotById(id) is null)
                {
                    throw new FloeException(FloeErrorKind.NotFound, $"Table {table.Identifier(parse)} has no snapshot {id}.");
                }

                scan = scan.UseSnapshot(id);
            }

            IReadOnlyList<FileScanTask> tasks = await scan.PlanFilesAsync(ct).ConfigureAwait(false);
            string[] header = ["file_path", "partition", "record_count", "file_size_in_bytes", "delete_files"];
            IEnumerable<IReadOnlyList<string>> rows = tasks.Select(t => (IReadOnlyList<string>)
            [
                t.File.FilePath, t.Spec.IsUnpartitioned ? string.Empty : t.Spec.PartitionPath(t.File.Partition),
                Id(t.File.RecordCount), Id(t.File.FileSizeInBytes), Id(t.Deletes.Count),
            ]);
            await WriteAsync(context.Output, parse.GetValue(format), header, rows).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Rollback()
    {
        var table = new TableOptions();
        var to = new Option<long>("--to") { Description = "The snapshot to make current; it must be an ancestor of the current snapshot.", Required = true };
        var command = new Command("rollback", "Make an earlier snapshot current again.") { to };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            long target = parse.GetValue(to);
            if (opened.Metadata.SnapshotById(target) is null)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Table {table.Identifier(parse)} has no snapshot {target}.");
            }

            TableMetadata metadata = await opened.ManageSnapshots().RollbackTo(target).CommitAsync(ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"current snapshot: {metadata.CurrentSnapshotId}").ConfigureAwait(false);
        });
        return command;
    }

    private static Command SetProperty()
    {
        var table = new TableOptions();
        var pairs = new Argument<string[]>("KEY=VALUE") { Description = "Properties to set.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("set-property", "Set table properties in one commit.");
        table.AddTo(command);
        command.Arguments.Add(pairs);
        command.SetHandler(async (parse, context, ct) =>
        {
            Dictionary<string, string> properties = PropertyPairs.Parse(parse.GetValue(pairs) ?? []);
            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            UpdateProperties update = opened.UpdateProperties();
            foreach (KeyValuePair<string, string> property in properties)
            {
                update.Set(property.Key, property.Value);
            }

            await update.CommitAsync(ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"set {properties.Count} properties on {table.Identifier(parse)}").ConfigureAwait(false);
        });
        return command;
    }

    private static string Id(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(TextWriter output, OutputFormat format, string[] header, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (format == OutputFormat.Table)
        {
            new TextTableWriter(output, header).Write(rows);
            return;
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            using var stream = new MemoryStream();
            using (var json = new Utf8JsonWriter(stream))
            {
                json.WriteStartObject();
                for (int i = 0; i < header.Length; i++)
                {
                    json.WriteString(header[i], row[i]);
                }

                json.WriteEndObject();
            }

            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(stream.ToArray())).ConfigureAwait(false);
        }
    }
}
