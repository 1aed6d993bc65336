using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Core.Values;
using Floe.PrimaryKeys.Model;
using Floe.Table.Data.Writing;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Reading;

public sealed class BaseMergeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Base_rows_are_older_than_changes_after_the_optimized_point_and_changes_up_to_it_are_ignored()
    {
        using var table = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.BaseHashBucket.Key] = "1", [PrimaryKeyProperties.ChangeHashBucket.Key] = "1" });
        PrimaryKeyTable primaryKey = table.Open();
        var first = await Rows.UpsertAsync(primaryKey, (1, "change-1", 1), (3, "change-3", 3));
        await Rows.UpsertAsync(primaryKey, (2, "change-2", 2));

        // A base file as optimizing would leave it after merging transaction 1 (with its own version of key 1).
        string location = $"{primaryKey.BaseTable.Metadata.Location}/data/1-B-1-00000-0-op-00001.parquet";
        var config = new DataWriterConfig { Schema = primaryKey.Schema };
        DataFile file;
        await using (Stream stream = await primaryKey.BaseTable.Operations.Io.NewOutputFile(location).CreateAsync(Ct))
        {
            await using var writer = new DataFileWriter(stream, location, config);
            using ColumnBatch rows = Rows.Of((1, "base-1", 10), (2, "base-2", 20), (3, "base-3", 30));
            await writer.WriteAsync(rows, Ct);
            file = await writer.CloseAsync(Ct);
        }

        var append = primaryKey.BaseTable.NewFastAppend().AppendFile(file);
        append.Set(PrimaryKeyTableProperties.OptimizedSequence, OptimizedSequence.None.With([new("", 1L)]).ToJson());
        await append.CommitAsync(Ct);

        // Key 1: its change (transaction 1) is at the optimized point, so base wins; key 2: transaction 2 beats base.
        Assert.Equal([(1, "base-1", 10), (2, "change-2", 2), (3, "base-3", 30)], await Rows.ReadAsync(primaryKey.NewScan()));
        var task = Assert.Single(await primaryKey.NewScan().PlanAsync(Ct));
        Assert.Equal(1, task.OptimizedPoint);
        Assert.Single(task.BaseFiles);
        Assert.Equal(2, task.ChangeFiles.Count); // transaction 2's I and ED files; transaction 1's are skipped

        await Rows.DeleteAsync(primaryKey, 3);
        Assert.Equal([(1, "base-1", 10), (2, "change-2", 2)], await Rows.ReadAsync(primaryKey.NewScan()));
        Assert.Empty(await Rows.ReadAsync(primaryKey.NewScan().Where(Floe.Core.Expressions.Expr.Equal("name", Literal.Of("base-2")))));

        // As of transaction 1 the base snapshot (optimized to 1) is usable: it already holds transaction 1.
        Assert.Equal([(1, "base-1", 10), (2, "base-2", 20), (3, "base-3", 30)], await Rows.ReadAsync(primaryKey.NewScan().AsOfChangeSnapshot(first!.SnapshotId)));
    }
}
