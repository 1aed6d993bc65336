using System.Globalization;
using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.TestKit;

/// <summary>
/// What an Iceberg table (or one store of a primary-key table) reads and holds, independent of file names and
/// snapshot ids: the rows each snapshot and ref reads, and the files under its folders by kind. Two tables built the
/// same way and maintained the same way have equal states. Columns whose values may differ between two such runs
/// without changing what the table means (a primary-key change store's order within a transaction) can be left out.
/// </summary>
public static class TableState
{
    /// <summary>The rows of a snapshot, each as its values (but those of <paramref name="ignored"/> columns) joined, sorted.</summary>
    public static async Task<List<string>> RowsAtAsync(TableMetadata metadata, IFileIO io, long snapshotId, params IReadOnlyCollection<string> ignored)
    {
        var rows = new List<string>();
        await foreach (ColumnBatch batch in new TableScan(metadata, io).UseSnapshot(snapshotId).ReadAsync(TestContext.Current.CancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                int[] columns = [.. Enumerable.Range(0, batch.Columns.Count).Where(c => !ignored.Contains(batch.Fields[c].Name))];
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(string.Join('|', columns.Select(c => Convert.ToString(batch.Column(c).GetValue(row), CultureInfo.InvariantCulture))));
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The rows every snapshot of <paramref name="metadata"/> reads, by snapshot id.</summary>
    public static async Task<Dictionary<long, List<string>>> ReadsAsync(TableMetadata metadata, IFileIO io, params IReadOnlyCollection<string> ignored)
    {
        var reads = new Dictionary<long, List<string>>();
        foreach (Snapshot snapshot in metadata.Snapshots)
        {
            reads[snapshot.SnapshotId] = await RowsAtAsync(metadata, io, snapshot.SnapshotId, ignored).ConfigureAwait(false);
        }

        return reads;
    }

    /// <summary>
    /// Asserts that every snapshot still listed reads what it read before (<paramref name="before"/>); a snapshot
    /// made since must read <paramref name="newSnapshotReads"/> when given.
    /// </summary>
    public static async Task AssertReadsKeptAsync(
        TableMetadata metadata, IFileIO io, Dictionary<long, List<string>> before, List<string>? newSnapshotReads, string context, params IReadOnlyCollection<string> ignored)
    {
        foreach (Snapshot snapshot in metadata.Snapshots)
        {
            List<string> rows = await RowsAtAsync(metadata, io, snapshot.SnapshotId, ignored).ConfigureAwait(false);
            List<string>? expected = before.GetValueOrDefault(snapshot.SnapshotId) ?? newSnapshotReads;
            if (expected is not null)
            {
                Assert.True(expected.SequenceEqual(rows), $"snapshot {snapshot.SnapshotId} reads differently ({context})");
            }
        }

        foreach (var (name, reference) in metadata.Refs)
        {
            Assert.True(metadata.SnapshotById(reference.SnapshotId) is not null, $"ref {name} points at a missing snapshot ({context})");
        }
    }

    /// <summary>Snapshot count, rows read per snapshot (oldest first) and per ref, and the files on disk by kind.</summary>
    public static async Task<string> SignatureAsync(TableMetadata metadata, IFileIO io, params IReadOnlyCollection<string> ignored)
    {
        var lines = new List<string> { $"snapshots {metadata.Snapshots.Count}" };
        foreach (Snapshot snapshot in metadata.Snapshots.OrderBy(s => s.SequenceNumber))
        {
            lines.Add($"snapshot: {string.Join(", ", await RowsAtAsync(metadata, io, snapshot.SnapshotId, ignored).ConfigureAwait(false))}");
        }

        foreach (var (name, reference) in metadata.Refs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            lines.Add($"{(reference.IsBranch ? "branch" : "tag")} {name}: {string.Join(", ", await RowsAtAsync(metadata, io, reference.SnapshotId, ignored).ConfigureAwait(false))}");
        }

        foreach (var kind in (await FilesAsync(metadata, io).ConfigureAwait(false)).GroupBy(KindOf).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"{kind.Key} files: {kind.Count()}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Asserts that every file under the table's folders is one its metadata references: no garbage is left.</summary>
    public static async Task AssertNoGarbageAsync(TableMetadata metadata, IFileIO io, string context)
    {
        var referenced = (await ReachableFiles.ListReadableAsync(io, metadata, TestContext.Current.CancellationToken).ConfigureAwait(false))
            .Concat(metadata.MetadataLog.Select(e => e.MetadataFile))
            .Append(metadata.MetadataFileLocation ?? "")
            .Where(f => f.Length > 0)
            .Select(LocationPaths.Normalize)
            .ToHashSet(StringComparer.Ordinal);
        List<string> garbage = [.. (await FilesAsync(metadata, io).ConfigureAwait(false))
            .Where(f => !referenced.Contains(f) && !f.EndsWith("/version-hint.text", StringComparison.Ordinal))];
        Assert.True(garbage.Count == 0, $"unreferenced files left ({context}): {string.Join(", ", garbage)}");
    }

    /// <summary>Every file under the table's data and metadata folders, normalized.</summary>
    public static async Task<List<string>> FilesAsync(TableMetadata metadata, IFileIO io)
    {
        var files = new List<string>();
        foreach (string folder in new[] { TableFolders.Data(metadata.Location, metadata.Properties), TableFolders.Metadata(metadata.Location, metadata.Properties) }
            .Select(f => LocationPaths.Normalize(f) + "/").Distinct(StringComparer.Ordinal))
        {
            await foreach (FileEntry entry in io.ListPrefixAsync(folder, TestContext.Current.CancellationToken).ConfigureAwait(false))
            {
                files.Add(LocationPaths.Normalize(entry.Location));
            }
        }

        return files;
    }

    private static string KindOf(string file)
    {
        string name = file[(file.LastIndexOf('/') + 1)..];
        return name.EndsWith(".metadata.json", StringComparison.Ordinal) ? "metadata"
            : name.StartsWith("snap-", StringComparison.Ordinal) ? "manifest-list"
            : name.EndsWith(".avro", StringComparison.Ordinal) ? "manifest"
            : name.EndsWith(".parquet", StringComparison.Ordinal) ? "data"
            : name;
    }
}
