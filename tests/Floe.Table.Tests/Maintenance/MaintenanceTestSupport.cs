using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Table.Operations;
using Floe.Table.Scanning;
using Floe.Table.Tests.Scanning;

namespace Floe.Table.Tests.Maintenance;

internal static class MaintenanceTestSupport
{
    /// <summary>Far enough ahead that every snapshot and file is past any window.</summary>
    public static DateTimeOffset Later => DateTimeOffset.UtcNow.AddDays(30);

    public static async Task<List<long>> IdsAsync(TableScan scan)
    {
        var ids = new List<long>();
        await foreach (ColumnBatch batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    ids.Add((long)batch.Column("id").GetValue(row)!);
                }
            }
        }

        ids.Sort();
        return ids;
    }

    public static Task<List<long>> IdsAtAsync(IcebergTable table, long snapshotId) =>
        IdsAsync(new TableScan(table.Metadata, table.Operations.Io).UseSnapshot(snapshotId));

    public static TestRow[] Rows(string category, params long[] ids) => [.. ids.Select(id => new TestRow(id, category, id))];
}

/// <summary>File IO that throws at the Nth delete and the Nth listing (1-based, 0 = never).</summary>
internal sealed class FailingDeleteFileIO(IFileIO inner, int failAtDelete, int failAtList = 0) : IFileIO
{
    private int _deletes;
    private int _lists;

    public InputFile NewInputFile(string location) => inner.NewInputFile(location);

    public OutputFile NewOutputFile(string location) => inner.NewOutputFile(location);

    public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) => inner.ExistsAsync(location, cancellationToken);

    public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _deletes) == failAtDelete
            ? ValueTask.FromException(new IOException($"Injected failure deleting {location}."))
            : inner.DeleteAsync(location, cancellationToken);

    public IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        Interlocked.Increment(ref _lists) == failAtList
            ? throw new IOException($"Injected failure listing {prefix}.")
            : inner.ListPrefixAsync(prefix, cancellationToken);
}
