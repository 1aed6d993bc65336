using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>The change files of a range, grouped by transaction (their data sequence number) in commit order.</summary>
internal static class ChangeFiles
{
    public static async Task<IReadOnlyList<(long TransactionId, IReadOnlyList<FileScanTask> Files)>> PlanAsync(
        PrimaryKeyTable table, ChangeRange range, Expression filter, bool caseSensitive, Schema readSchema, CancellationToken cancellationToken)
    {
        TableMetadata change = table.ChangeTable.Metadata;
        IReadOnlyList<FileScanTask> tasks = await new TableScan(change, table.ChangeTable.Operations.Io)
            .UseSnapshot(range.End.SnapshotId)
            .Where(filter)
            .CaseSensitive(caseSensitive)
            .PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        long first = range.Start.IsTransactionBoundary ? range.Start.TransactionId + 1 : range.Start.TransactionId;
        return [.. tasks
            .Where(t => t.DataSequenceNumber >= first && t.DataSequenceNumber <= range.End.SequenceNumber)
            .GroupBy(t => t.DataSequenceNumber)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<FileScanTask>)[.. g.Select(t => new FileScanTask(t.File, t.DataSequenceNumber, t.Deletes, t.Spec, change.CurrentSchema, readSchema, t.Residual))]))];
    }
}
