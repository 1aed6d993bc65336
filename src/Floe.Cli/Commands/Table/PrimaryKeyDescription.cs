using System.Globalization;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// The part of <c>floe table describe</c> only primary-key tables have: the key, the change store, the optimized
/// points and how the base files spread over bucket nodes (auto-bucketing may have split or merged them).
/// </summary>
internal static class PrimaryKeyDescription
{
    public static async Task WriteAsync(TextWriter output, PrimaryKeyTable table, CancellationToken cancellationToken)
    {
        TableMetadata change = table.ChangeTable.Metadata;
        TableMetadata @base = table.BaseTable.Metadata;
        await output.WriteLineAsync($"primary key: {string.Join(", ", table.PrimaryKey.Names)}").ConfigureAwait(false);
        await output.WriteLineAsync(Invariant(
            $"buckets: base {table.BaseBuckets} (auto-bucket {(PrimaryKeyTableProperties.AutoBucket(@base.Properties) ? "on" : "off")}), change {table.ChangeBuckets}")).ConfigureAwait(false);
        await output.WriteLineAsync(Invariant($"change store: {change.Location} (change.data.ttl.minutes {PrimaryKeyTableProperties.ChangeDataTtl(change.Properties)})")).ConfigureAwait(false);
        Snapshot? current = change.CurrentSnapshot;
        await output.WriteLineAsync(current is null
            ? "current change snapshot: none"
            : Invariant($"current change snapshot: {current.SnapshotId} ({current.Operation}, {SnapshotText.Time(current.TimestampMs)}, sequence number {current.SequenceNumber})")).ConfigureAwait(false);
        await output.WriteLineAsync($"optimized points: {OptimizedSequence.Of(@base, @base.CurrentSnapshot).ToJson()}").ConfigureAwait(false);

        IReadOnlyList<FileScanTask> files = @base.CurrentSnapshot is null
            ? []
            : await new TableScan(@base, table.BaseTable.Operations.Io).PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        var nodes = files.Select(f => PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node).Distinct().ToList();
        string spread = string.Join(", ", nodes.GroupBy(n => n.Mask).OrderBy(g => g.Key).Select(g => g.Key == 0 ? "1 at the root" : Invariant($"{g.Count()} at {g.Key + 1} buckets")));
        await output.WriteLineAsync(Invariant($"base bucket nodes: {nodes.Count}{(nodes.Count == 0 ? "" : $" ({spread})")} holding {files.Count} data files")).ConfigureAwait(false);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
