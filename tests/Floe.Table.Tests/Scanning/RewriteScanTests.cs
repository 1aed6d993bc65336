using Floe.Core.Manifests;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

/// <summary>Compaction racing with row-level deletes, checked by reading the table.</summary>
public sealed class RewriteScanTests
{
    private static readonly TestRow[] s_rows = [.. Enumerable.Range(0, 10).Select(i => new TestRow(i, "a", i))];

    [Fact]
    public async Task Equality_deletes_committed_during_a_rewrite_that_keeps_the_sequence_number_still_apply_to_the_new_file()
    {
        var ct = TestContext.Current.CancellationToken;
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile first = await table.WriteDataAsync(s_rows[..5]);
        DataFile second = await table.WriteDataAsync(s_rows[5..]);
        await table.AppendAsync(first);
        await table.AppendAsync(second);
        long startingSequence = table.Table.Metadata.LastSequenceNumber;

        // The compaction reads the table, writes one file, and commits only after an equality delete went in.
        DataFile compacted = await table.WriteDataAsync(s_rows);
        RewriteFiles rewrite = table.Table.NewRewrite().DeleteFile(first).DeleteFile(second).AddFile(compacted).DataSequenceNumber(startingSequence);
        await table.RowDeltaAsync([], [await table.WriteIdDeletesAsync("a", 3, 7)]);
        await rewrite.CommitAsync(ct);

        List<TestRow> rows = [.. (await ScanFixtures.RowsAsync(table.Table.NewScan())).Select(TestRow.FromValues)];

        Assert.Equal(s_rows.Where(r => r.Id is not 3 and not 7), rows.OrderBy(r => r.Id));
        Assert.Equal(compacted.FilePath, Assert.Single(await table.Table.NewScan().PlanFilesAsync(ct)).File.FilePath);
    }
}
