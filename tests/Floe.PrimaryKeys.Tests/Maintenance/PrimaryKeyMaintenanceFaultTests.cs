using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Core.Schemas;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Maintenance;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Maintenance;

/// <summary>
/// Each maintenance action of a primary-key table, with the process dying at each of its steps in turn (listings,
/// file creations, deletes, before and after each store's commit): afterwards the merged view reads as before or as
/// after the action, every snapshot either store still lists reads what it read, and a rerun followed by orphan
/// cleaning of both stores ends in the state a run without the fault reaches. Orphan cleaning finishes the job because
/// a death before a commit leaves files written for it (manifests, a data expiration's change files) and a death after
/// an expiry's commit leaves the files it had not deleted yet.
/// </summary>
public sealed class PrimaryKeyMaintenanceFaultTests
{
    private static DateTimeOffset Later => DateTimeOffset.UtcNow.AddDays(30);

    // The order of rows within a transaction follows the order a data expiration's merged read delivers its batches in.
    private static readonly string[] Unordered = [PrimaryKeyColumns.FileOffsetName];

    private static readonly OrphanFilesOptions ZeroWindow = new() { OlderThanMinutes = 0, Now = Later };

    public static TheoryData<string> Actions => ["change-ttl", "expiry", "orphans", "dangling-deletes", "data-expiration"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_death_at_any_step_keeps_every_read_and_a_rerun_reaches_the_state_of_a_clean_run(string action)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        int steps;
        (string Base, string Change, string Merged) expected;
        List<string> expectedBase, expectedChange;
        using (TestTable clean = await SetUpAsync(action))
        {
            var counter = new ProcessDeath();
            await RunAsync(action, Dying(clean, counter));
            steps = counter.Steps;
            PrimaryKeyTable table = clean.Open();
            await table.CleanOrphanFilesAsync(ZeroWindow, ct);
            expected = await StateAsync(table);
            expectedBase = await CurrentReadsAsync(table.BaseTable);
            expectedChange = await CurrentReadsAsync(table.ChangeTable);
        }

        Assert.True(steps >= 3, $"{action} took {steps} steps");
        for (int dieAt = 1; dieAt <= steps; dieAt++)
        {
            string context = $"{action}, death at step {dieAt} of {steps}";
            using TestTable fixture = await SetUpAsync(action);
            PrimaryKeyTable table = fixture.Open();
            await table.RefreshAsync(ct);
            var merged = await Rows.ReadAsync(table.NewScan());
            var baseReads = await TableState.ReadsAsync(table.BaseTable.Metadata, table.BaseTable.Operations.Io);
            var changeReads = await TableState.ReadsAsync(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io, Unordered);
            var death = new ProcessDeath(dieAt);
            try
            {
                await RunAsync(action, Dying(fixture, death));
            }
            catch (IOException) when (death.Died)
            {
                // The process died; what it left is checked below.
            }

            Assert.True(death.Died, context);
            table = fixture.Open();
            await table.RefreshAsync(ct);
            string mergedNow = string.Join(", ", await Rows.ReadAsync(table.NewScan()));
            Assert.True(mergedNow == string.Join(", ", merged) || mergedNow == expected.Merged, $"merged view is neither before nor after ({context}): {mergedNow}");
            await TableState.AssertReadsKeptAsync(table.BaseTable.Metadata, table.BaseTable.Operations.Io, baseReads, expectedBase, context);
            await TableState.AssertReadsKeptAsync(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io, changeReads, expectedChange, context, Unordered);

            await RunAsync(action, table);
            await table.CleanOrphanFilesAsync(ZeroWindow, ct);
            var state = await StateAsync(table);
            Assert.Equal(expected.Merged, state.Merged);
            Assert.Equal(expected.Base, state.Base);
            Assert.Equal(expected.Change, state.Change);
            await table.RefreshAsync(ct);
            await TableState.AssertNoGarbageAsync(table.BaseTable.Metadata, table.BaseTable.Operations.Io, context);
            await TableState.AssertNoGarbageAsync(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io, context);
        }
    }

    private static PrimaryKeyTable Dying(TestTable fixture, ProcessDeath death) =>
        new("db.t", new DyingOperations(new StoreOperations(fixture.Base), death), new DyingOperations(new StoreOperations(fixture.Change), death));

    private static async Task<(string Base, string Change, string Merged)> StateAsync(PrimaryKeyTable table)
    {
        await table.RefreshAsync(TestContext.Current.CancellationToken);
        return (await TableState.SignatureAsync(table.BaseTable.Metadata, table.BaseTable.Operations.Io),
            await TableState.SignatureAsync(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io, Unordered),
            string.Join(", ", await Rows.ReadAsync(table.NewScan())));
    }

    private static Task<List<string>> CurrentReadsAsync(IcebergTable store) =>
        store.Metadata.CurrentSnapshot is Snapshot current ? TableState.RowsAtAsync(store.Metadata, store.Operations.Io, current.SnapshotId, Unordered) : Task.FromResult(new List<string>());

    private static async Task RunAsync(string action, PrimaryKeyTable table)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        switch (action)
        {
            case "change-ttl":
                await table.ExpireChangesAsync(new ChangeExpiryOptions { Now = Later }, ct);
                break;
            case "expiry":
                await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { Now = Later, RetainLast = 1 }, ct);
                break;
            case "orphans":
                await table.CleanOrphanFilesAsync(ZeroWindow, ct);
                break;
            case "dangling-deletes":
                await table.CleanDanglingDeletesAsync(ct);
                break;
            default:
                await table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1100), ct);
                break;
        }
    }

    /// <summary>Upserts and deletes in both stores, some merged by optimizing and some pending, and stray files.</summary>
    private static async Task<TestTable> SetUpAsync(string action)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            [MaintenanceProperties.DataExpireField.Key] = "id",
            [MaintenanceProperties.DataExpireRetentionTime.Key] = "1s",
            [MaintenanceProperties.DataExpireBaseOnRule.Key] = "current_time",
        });
        PrimaryKeyTable table = fixture.Open();
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 1), (300, "c", 1));
        await Rows.UpsertAsync(table, (2, "b", 2), (400, "d", 2));
        await table.OptimizeAsync(cancellationToken: ct);
        await Rows.DeleteAsync(table, 1);
        await Rows.UpsertAsync(table, (50, "e", 3), (500, "f", 3));
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        await Rows.UpsertAsync(table, (60, "g", 4), (300, "h", 4));
        await Rows.DeleteAsync(table, 400);
        if (action == "dangling-deletes")
        {
            await AddDanglingPositionDeletesAsync(table);
        }

        if (action == "orphans")
        {
            foreach (string stray in new[] { "base/data/stray-0.parquet", "base/metadata/stray-1.avro", "change/data/x/stray-2.parquet", "change/metadata/stray-3.avro" })
            {
                string path = Path.Combine(fixture.Folder, stray);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, "x", ct);
            }
        }

        return fixture;
    }

    /// <summary>Commits a position delete file to the base store that names a data file the store never had.</summary>
    private static async Task AddDanglingPositionDeletesAsync(PrimaryKeyTable table)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await table.RefreshAsync(ct);
        TableMetadata @base = table.BaseTable.Metadata;
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(MetadataColumns.PositionDeleteSchema), 1);
        ((BinaryVector)batch.Column(0)).Append(Path.Combine(@base.Location, "data", "never-written.parquet"));
        ((PrimitiveVector<long>)batch.Column(1)).Append(0);
        string path = Path.Combine(@base.Location, "data", "dangling-deletes.parquet");
        DataFile written;
        using (batch)
        {
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = MetadataColumns.PositionDeleteSchema, Spec = @base.DefaultSpec }, PartitionData.Empty);
            await using (writer)
            {
                await writer.WriteAsync(batch, ct);
                written = await writer.CloseAsync(ct);
            }
        }

        await table.BaseTable.NewRowDelta().AddDeletes(new DeleteFile
        {
            DeleteContent = FileContent.PositionDeletes,
            FilePath = written.FilePath,
            Format = written.Format,
            SpecId = written.SpecId,
            Partition = written.Partition,
            RecordCount = written.RecordCount,
            FileSizeInBytes = written.FileSizeInBytes,
            LowerBounds = written.LowerBounds,
            UpperBounds = written.UpperBounds,
        }).CommitAsync(ct);
    }
}
