using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Table.Maintenance;
using Floe.Table.Tests.Scanning;
using static Floe.Table.Tests.Maintenance.MaintenanceTestSupport;

namespace Floe.Table.Tests.Maintenance;

/// <summary>
/// Random appends (several files in one commit, so a later file delete rewrites their manifest with EXISTING
/// entries), file deletes, equality deletes, tags, data expiration and maintenance against a reference model: after
/// every step, every snapshot the metadata still lists and every ref read exactly what they read when they were made.
/// </summary>
public sealed class MaintenanceModelTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    public async Task Nothing_a_live_snapshot_or_ref_reads_disappears(int seed)
    {
        await using ScanTestTable t = await ScanTestTable.CreateAsync(partitioned: false);
        CancellationToken ct = TestContext.Current.CancellationToken;
        await t.Table.UpdateProperties()
            .Set(MaintenanceProperties.DataExpireField.Key, "id").Set(MaintenanceProperties.DataExpireLevel.Key, "file")
            .Set(MaintenanceProperties.DataExpireRetentionTime.Key, "1s").Set(MaintenanceProperties.DataExpireBaseOnRule.Key, "CURRENT_TIME")
            .CommitAsync(ct);
        var random = new Random(seed);
        var live = new List<(DataFile File, long[] Ids)>();
        var deleted = new HashSet<long>();
        var expected = new Dictionary<long, List<long>>();
        long nextId = 1;

        List<long> Visible() => [.. live.SelectMany(f => f.Ids).Where(id => !deleted.Contains(id)).Order()];
        void Record() => expected[t.Table.CurrentSnapshot!.SnapshotId] = Visible();

        for (int step = 0; step < 40; step++)
        {
            int action = random.Next(9);
            if (action <= 2 || live.Count == 0)
            {
                var files = new List<(DataFile File, long[] Ids)>();
                for (int i = random.Next(1, 4); i > 0; i--)
                {
                    long[] ids = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => nextId++)];
                    files.Add((await t.WriteDataAsync(Rows("a", ids)), ids));
                }

                await t.AppendAsync([.. files.Select(f => f.File)]);
                live.AddRange(files);
                Record();
            }
            else if (action == 8)
            {
                // A file expires when its largest id is at or before the expire point: now - 1 s, the id as milliseconds.
                long threshold = random.Next(1, (int)nextId);
                if ((await t.Table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1000 + threshold), ct)).SnapshotId is not null)
                {
                    live.RemoveAll(f => f.Ids.Max() <= threshold);
                    Record();
                }
            }
            else if (action == 3)
            {
                var victim = live[random.Next(live.Count)];
                await t.Table.NewDelete().DeleteFile(victim.File).CommitAsync(ct);
                live.Remove(victim);
                Record();
            }
            else if (action == 4)
            {
                long id = random.Next(1, (int)nextId);
                await t.RowDeltaAsync([], [await t.WriteIdDeletesAsync("a", id)]);
                deleted.Add(id);
                Record();
            }
            else if (action == 5)
            {
                var ids = t.Table.Metadata.Snapshots.Select(s => s.SnapshotId).ToList();
                await t.Table.CreateTagAsync($"tag-{step}", ids[random.Next(ids.Count)], cancellationToken: ct);
            }
            else if (action == 6)
            {
                await t.Table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { OlderThan = Later, RetainLast = random.Next(1, 4) }, ct);
            }
            else
            {
                if ((await t.Table.CleanDanglingDeletesAsync(ct)).SnapshotId is not null)
                {
                    Record();
                }

                await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
            }

            foreach (var snapshot in t.Table.Metadata.Snapshots)
            {
                Assert.Equal(expected[snapshot.SnapshotId], await IdsAtAsync(t.Table, snapshot.SnapshotId));
            }

            foreach (var (name, reference) in t.Table.Metadata.Refs)
            {
                Assert.Equal(expected[reference.SnapshotId], await IdsAsync(new Floe.Table.Scanning.TableScan(t.Table.Metadata, t.Table.Operations.Io).UseRef(name)));
            }
        }

        await t.Table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
        await Floe.TestKit.TableState.AssertNoGarbageAsync(t.Table.Metadata, t.Table.Operations.Io, $"seed {seed} at the end");
    }
}
