using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Optimizing;
using Floe.Table.Data.Writing;
using Floe.Table.Maintenance;
using Floe.Table.Operations;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.ModelBased;

/// <summary>
/// Random upserts, deletes by key, minor and full optimizing on a primary-key table, appends of several files and file
/// deletes on a plain table beside it, and every maintenance action on both (snapshot expiry with the change TTL, the
/// TTL alone, orphan cleaning with a zero window, dangling deletes, data expiration, tags on any store), checked after
/// every step against reference models: the merged view equals a dictionary and the plain table the files appended
/// and not removed, time travel to every change snapshot still listed reads the merged view it had, and every snapshot
/// any store still lists (so every branch and tag) reads exactly what it read when it was made.
/// </summary>
public sealed class PrimaryKeyMaintenanceModelTests
{
    private const int Keys = 30;

    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(30);

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(29)]
    public async Task Nothing_a_live_snapshot_branch_or_tag_reads_disappears(int seed)
    {
        using TestTable fixture = TestTable.Create(properties: new Dictionary<string, string>
        {
            [PrimaryKeyProperties.BaseHashBucket.Key] = "2",
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
            [MaintenanceProperties.DataExpireField.Key] = "id",
            [MaintenanceProperties.DataExpireRetentionTime.Key] = "1s",
            [MaintenanceProperties.DataExpireBaseOnRule.Key] = "current_time",
        });
        PrimaryKeyTable table = fixture.Open();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var plain = new IcebergTable("db.plain", new StoreOperations(new MetadataStore(NewTable.Create(
            TestTable.DefaultSchema, null, null, Path.Combine(fixture.Folder, "plain"), new Dictionary<string, string>
            {
                [MaintenanceProperties.DataExpireField.Key] = "id",
                [MaintenanceProperties.DataExpireLevel.Key] = "file",
                [MaintenanceProperties.DataExpireRetentionTime.Key] = "1s",
                [MaintenanceProperties.DataExpireBaseOnRule.Key] = "current_time",
            }))));
        var plainModel = new List<(DataFile File, long[] Ids)>();
        var plainReads = new Dictionary<long, List<string>>();
        var random = new Random(seed);
        var model = new SortedDictionary<long, (string? Name, int? Value)>();
        var baseReads = new Dictionary<long, List<string>>();
        var changeReads = new Dictionary<long, List<string>>();
        var merged = new Dictionary<long, string>();

        for (int step = 0; step < 36; step++)
        {
            string operation = random.Next(4) == 0
                ? await PlainStepAsync(plain, random, plainModel, ct)
                : await StepAsync(table, plain, random, model, plainModel, step, ct);
            string context = $"seed {seed}, step {step} ({operation})";
            await table.RefreshAsync(ct);

            string expected = string.Join(", ", model.Select(p => (p.Key, p.Value.Name, p.Value.Value)));
            Assert.True(expected == string.Join(", ", await Rows.ReadAsync(table.NewScan())), $"merged view differs after {context}");
            if (table.ChangeTable.Metadata.CurrentSnapshot is { } head)
            {
                merged.TryAdd(head.SnapshotId, expected);
            }

            await CheckStoreAsync(table.BaseTable, baseReads, context);
            await CheckStoreAsync(plain, plainReads, context);
            List<string> plainExpected = [.. plainModel.SelectMany(f => f.Ids).Select(PlainRow).Order(StringComparer.Ordinal)];
            List<string> plainNow = plain.Metadata.CurrentSnapshot is { } plainHead ? await TableState.RowsAtAsync(plain.Metadata, plain.Operations.Io, plainHead.SnapshotId) : [];
            Assert.True(plainExpected.SequenceEqual(plainNow), $"plain table differs after {context}");
            await CheckStoreAsync(table.ChangeTable, changeReads, context);
            foreach (Snapshot snapshot in table.ChangeTable.Metadata.Snapshots)
            {
                if (merged.TryGetValue(snapshot.SnapshotId, out string? then))
                {
                    string read = string.Join(", ", await Rows.ReadAsync(table.NewScan().AsOfChangeSnapshot(snapshot.SnapshotId)));
                    Assert.True(then == read, $"change snapshot {snapshot.SnapshotId} reads differently after {context}: {read}, was {then}");
                }
            }
        }

        await table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
        await table.RefreshAsync(ct);
        await TableState.AssertNoGarbageAsync(table.BaseTable.Metadata, table.BaseTable.Operations.Io, "base at the end");
        await TableState.AssertNoGarbageAsync(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io, "change at the end");
        await plain.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
        await TableState.AssertNoGarbageAsync(plain.Metadata, plain.Operations.Io, "plain table at the end");
    }

    /// <summary>Records what each new snapshot of a store reads and checks that every listed snapshot and ref still reads it.</summary>
    private static async Task CheckStoreAsync(IcebergTable store, Dictionary<long, List<string>> reads, string context)
    {
        foreach (Snapshot snapshot in store.Metadata.Snapshots.Where(s => !reads.ContainsKey(s.SnapshotId)))
        {
            reads[snapshot.SnapshotId] = await TableState.RowsAtAsync(store.Metadata, store.Operations.Io, snapshot.SnapshotId);
        }

        await TableState.AssertReadsKeptAsync(store.Metadata, store.Operations.Io, reads, null, context);
    }

    private static string PlainRow(long id) => $"{id}|p|{id}";

    /// <summary>Appends one to three files in one commit, or deletes one live file.</summary>
    private static async Task<string> PlainStepAsync(IcebergTable plain, Random random, List<(DataFile File, long[] Ids)> model, CancellationToken ct)
    {
        if (model.Count > 0 && random.Next(3) == 0)
        {
            var victim = model[random.Next(model.Count)];
            await plain.NewDelete().DeleteFile(victim.File).CommitAsync(ct);
            model.Remove(victim);
            return "plain delete file";
        }

        AppendFiles append = plain.NewFastAppend();
        for (int i = random.Next(1, 4); i > 0; i--)
        {
            long[] ids = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (long)random.Next(Keys))];
            string path = Path.Combine(plain.Metadata.Location, "data", $"{Guid.NewGuid():N}.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = plain.Metadata.CurrentSchema, Spec = plain.Metadata.DefaultSpec }, PartitionData.Empty);
            await using (writer)
            {
                using (ColumnBatch batch = Rows.Of([.. ids.Select(id => (id, (string?)"p", (int?)(int)id))]))
                {
                    await writer.WriteAsync(batch, ct);
                }

                DataFile file = await writer.CloseAsync(ct);
                append.AppendFile(file);
                model.Add((file, ids));
            }
        }

        await append.CommitAsync(ct);
        return "plain append";
    }

    private static async Task<string> StepAsync(
        PrimaryKeyTable table, IcebergTable plain, Random random, SortedDictionary<long, (string? Name, int? Value)> model, List<(DataFile File, long[] Ids)> plainModel, int step, CancellationToken ct)
    {
        int choice = random.Next(100);
        long[] keys = [.. Enumerable.Range(0, random.Next(1, 5)).Select(_ => (long)random.Next(Keys)).Distinct()];
        if (choice < 30)
        {
            (long, string?, int?)[] rows = [.. keys.Select(k => (k, (string?)$"s{step}", (int?)random.Next(100)))];
            await Rows.UpsertAsync(table, rows);
            foreach ((long id, string? name, int? value) in rows)
            {
                model[id] = (name, value);
            }

            return $"upsert {string.Join(',', keys)}";
        }

        if (choice < 45)
        {
            await Rows.DeleteAsync(table, keys);
            keys.ToList().ForEach(k => model.Remove(k));
            return $"delete {string.Join(',', keys)}";
        }

        if (choice < 55)
        {
            var mode = random.Next(3) == 0 ? OptimizeMode.Full : OptimizeMode.Minor;
            await table.OptimizeAsync(new OptimizeOptions { Mode = mode }, ct);
            return $"optimize {mode}";
        }

        if (choice < 65)
        {
            int retain = random.Next(1, 4);
            await table.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { Now = Later, OlderThan = Later, RetainLast = retain }, ct);
            await plain.ExpireSnapshotsAsync(new ExpireSnapshotsOptions { Now = Later, OlderThan = Later, RetainLast = retain }, ct);
            return $"expire snapshots, retain {retain}";
        }

        if (choice < 70)
        {
            await table.ExpireChangesAsync(new ChangeExpiryOptions { Now = Later }, ct);
            return "change ttl";
        }

        if (choice < 78)
        {
            await table.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
            await plain.CleanOrphanFilesAsync(new OrphanFilesOptions { OlderThanMinutes = 0, Now = Later }, ct);
            return "clean orphans";
        }

        if (choice < 84)
        {
            await table.CleanDanglingDeletesAsync(ct);
            await plain.CleanDanglingDeletesAsync(ct);
            return "clean dangling deletes";
        }

        if (choice < 90)
        {
            // Keys up to the threshold expire: the expire point is now - 1 s, compared with the id as milliseconds.
            int threshold = random.Next(Keys / 3);
            await table.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1000 + threshold), ct);
            model.Keys.Where(k => k <= threshold).ToList().ForEach(k => model.Remove(k));

            // On the plain table (file level) a file expires once its largest id has.
            await plain.ExpireDataAsync(DateTimeOffset.FromUnixTimeMilliseconds(1000 + threshold), ct);
            plainModel.RemoveAll(f => f.Ids.Max() <= threshold);
            return $"expire data to {threshold}";
        }

        IcebergTable store = random.Next(3) switch { 0 => table.BaseTable, 1 => table.ChangeTable, _ => plain };
        await store.RefreshAsync(ct);
        if (store.Metadata.Snapshots.Count == 0)
        {
            return "tag nothing";
        }

        Snapshot tagged = store.Metadata.Snapshots[random.Next(store.Metadata.Snapshots.Count)];
        await store.CreateTagAsync($"tag-{step}", tagged.SnapshotId, cancellationToken: ct);
        return $"tag {tagged.SnapshotId} of {store.Name}";
    }
}
