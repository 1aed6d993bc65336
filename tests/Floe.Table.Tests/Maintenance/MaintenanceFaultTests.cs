using Floe.Core.Properties;
using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.Table.Tests.Scanning;
using Floe.TestKit;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Maintenance;

/// <summary>
/// Each maintenance action, with the process dying at each of its steps in turn (every listing, file creation, delete,
/// and before and after the catalog commit): afterwards every snapshot still listed reads what it read before, and a
/// rerun of the action followed by orphan cleaning ends in the state a run without the fault reaches. Orphan
/// cleaning is part of the finish because a death before the commit leaves the manifests already written, and a
/// death after an expiry's commit leaves the files it had not deleted yet: nothing references either any more.
/// </summary>
public sealed class MaintenanceFaultTests
{
    private static readonly OrphanFilesOptions ZeroWindow = new() { OlderThanMinutes = 0, Now = Later };

    public static TheoryData<string> Actions => ["orphans", "dangling-deletes", "data-expiration", "snapshot-expiry"];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task A_death_at_any_step_keeps_every_snapshot_readable_and_a_rerun_reaches_the_state_of_a_clean_run(string action)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string expected;
        List<string> expectedCurrent;
        int steps;
        await using (ScanTestTable clean = await SetUpAsync(action))
        {
            var counter = new ProcessDeath();
            await RunAsync(action, Dying(clean.Table, counter));
            steps = counter.Steps;
            await clean.Table.CleanOrphanFilesAsync(ZeroWindow, ct);
            await clean.Table.RefreshAsync(ct);
            expected = await TableState.SignatureAsync(clean.Table.Metadata, clean.Table.Operations.Io);
            expectedCurrent = await TableState.RowsAtAsync(clean.Table.Metadata, clean.Table.Operations.Io, clean.Table.CurrentSnapshot!.SnapshotId);
        }

        Assert.True(steps >= 4, $"{action} took {steps} steps");
        for (int dieAt = 1; dieAt <= steps; dieAt++)
        {
            string context = $"{action}, death at step {dieAt} of {steps}";
            await using ScanTestTable t = await SetUpAsync(action);
            var before = await TableState.ReadsAsync(t.Table.Metadata, t.Table.Operations.Io);
            var death = new ProcessDeath(dieAt);
            try
            {
                await RunAsync(action, Dying(t.Table, death));
            }
            catch (IOException) when (death.Died)
            {
                // The process died; what it left is checked below.
            }

            Assert.True(death.Died, context);
            await t.Table.RefreshAsync(ct);
            await TableState.AssertReadsKeptAsync(t.Table.Metadata, t.Table.Operations.Io, before, expectedCurrent, context);

            await RunAsync(action, t.Table);
            await t.Table.CleanOrphanFilesAsync(ZeroWindow, ct);
            await t.Table.RefreshAsync(ct);
            Assert.Equal(expected, await TableState.SignatureAsync(t.Table.Metadata, t.Table.Operations.Io));
            await TableState.AssertNoGarbageAsync(t.Table.Metadata, t.Table.Operations.Io, context);
        }
    }

    private static IcebergTable Dying(IcebergTable table, ProcessDeath death) => new(table.Name, new DyingOperations(table.Operations, death));

    private static async Task RunAsync(string action, IcebergTable table)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        switch (action)
        {
            case "orphans":
                await table.CleanOrphanFilesAsync(ZeroWindow, ct);
                break;
            case "dangling-deletes":
                await table.CleanDanglingDeletesAsync(ct);
                break;
            case "data-expiration":
                await table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1100), ct);
                break;
            default:
                await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = 1 }, ct);
                break;
        }
    }

    /// <summary>A table with live, deleted and dangling files, a tag on an old snapshot, and stray files to clean.</summary>
    private static async Task<ScanTestTable> SetUpAsync(string action)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: true);
        await t.Table.UpdateProperties()
            .Set(MaintenanceProperties.DataExpireField.Key, "id").Set(MaintenanceProperties.DataExpireLevel.Key, "partition")
            .Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1s").Set(MaintenanceProperties.DataExpireBaseOnRule.Key, "CURRENT_TIME")
            .CommitAsync(ct);
        var a = await t.WriteDataAsync(Rows("a", 1, 100));
        var b = await t.WriteDataAsync(Rows("b", 10, 20));
        var gone = await t.WriteDataAsync(Rows("a", 9));
        long first = await t.AppendAsync(a, b, gone);
        await t.Table.CreateTagAsync("first", first, cancellationToken: ct);
        await t.AppendAsync(await t.WriteDataAsync(Rows("c", 5000)));
        await t.RowDeltaAsync([], [await t.WritePositionDeletesAsync("a", (a, 0)), await t.WritePositionDeletesAsync("a", (gone, 0)), await t.WriteIdDeletesAsync("d", 7)]);
        await t.Table.NewDelete().DeleteFile(gone).CommitAsync(ct);
        await t.AppendAsync(await t.WriteDataAsync(Rows("b", 30)));
        await t.Table.NewDelete().DeleteFile(b).CommitAsync(ct);
        if (action == "orphans")
        {
            for (int i = 0; i < 5; i++)
            {
                string folder = Path.Combine(t.Table.Metadata.Location, i % 2 == 0 ? "data" : "metadata", i < 2 ? "" : $"stray-{i}");
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, $"stray-{i}.parquet"), "x", ct);
            }
        }

        return t;
    }
}
