using Floe.Common.Columnar;
using Floe.Core.Properties;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Tests.ChangeData;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.ModelBased;

/// <summary>
/// Random sequences of inserts, upserts, deletes, updates and optimizes over a small key space, checked after every
/// step against a dictionary: the merged view equals it, the ordered change feed of the step replayed onto the
/// previous state gives it, and net changes from an earlier point equal the difference of the two states.
/// </summary>
public sealed class PrimaryKeyTableModelTests
{
    private const int Keys = 40;

    [Theory]
    [InlineData(1, 70, null)]
    [InlineData(2, 70, null)]
    [InlineData(3, 70, "600")]
    public async Task Random_operations_agree_with_a_dictionary(int seed, int steps, string? targetFileSize)
    {
        var properties = new Dictionary<string, string>
        {
            [PrimaryKeyProperties.BaseHashBucket.Key] = "4",
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
        };
        if (targetFileSize is not null)
        {
            // Base files over this size make full optimizing split their bucket nodes.
            properties["write.target-file-size-bytes"] = targetFileSize;
        }

        using TestTable fixture = TestTable.Create(properties: properties);
        PrimaryKeyTable table = fixture.Open();
        var random = new Random(seed);
        var model = new Dictionary<long, (string? Name, int? Value)>();
        var checkpoints = new List<(long SnapshotId, Dictionary<long, (string? Name, int? Value)> State)>();
        var ct = TestContext.Current.CancellationToken;

        for (int step = 0; step < steps; step++)
        {
            var previous = new Dictionary<long, (string? Name, int? Value)>(model);
            long? previousSnapshot = table.ChangeTable.Metadata.CurrentSnapshot?.SnapshotId;
            string operation = await StepAsync(table, random, model, step, ct);
            string context = $"seed {seed}, step {step} ({operation})";

            Assert.True(Sorted(model).SequenceEqual(await Rows.ReadAsync(table.NewScan())), $"merged view differs after {context}");

            long? current = table.ChangeTable.Metadata.CurrentSnapshot?.SnapshotId;
            if (current is long snapshot && current != previousSnapshot)
            {
                ChangeDataScan scan = previousSnapshot is long from ? table.NewChangeDataScan().FromSnapshot(from) : table.NewChangeDataScan();
                List<ChangeRow> feed = await ChangeRows.ReadAsync(scan);
                var replayed = new Dictionary<long, (string? Name, int? Value)>(previous);
                ChangeRows.Replay(replayed, feed);
                Assert.True(Sorted(replayed).SequenceEqual(Sorted(model)), $"ordered feed replay differs after {context}");
                checkpoints.Add((snapshot, new Dictionary<long, (string? Name, int? Value)>(model)));
            }

            if (step % 10 == 9 && checkpoints.Count > 1)
            {
                (long from, var old) = checkpoints[random.Next(checkpoints.Count - 1)];
                List<ChangeRow> net = await ChangeRows.ReadAsync(table.NewChangeDataScan().FromSnapshot(from).NetChanges());
                var changedKeys = model.Keys.Union(old.Keys).Where(k => !old.TryGetValue(k, out var o) || !model.TryGetValue(k, out var n) || o != n).Order().ToList();
                Assert.Equal(changedKeys, net.Select(c => c.Id).Distinct().Order().ToList());
                var replayed = new Dictionary<long, (string? Name, int? Value)>(old);
                ChangeRows.Replay(replayed, net);
                Assert.True(Sorted(replayed).SequenceEqual(Sorted(model)), $"net changes from {from} differ after {context}");
            }
        }

        // The whole feed from the beginning rebuilds the final state, and optimizing everything changes nothing.
        var all = new Dictionary<long, (string? Name, int? Value)>();
        ChangeRows.Replay(all, await ChangeRows.ReadAsync(table.NewChangeDataScan()));
        Assert.Equal(Sorted(model), Sorted(all));
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, ct);
        Assert.Equal(Sorted(model), await Rows.ReadAsync(table.NewScan()));
        if (targetFileSize is not null)
        {
            await table.RefreshAsync(ct);
            var baseFiles = await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync(ct);
            Assert.Contains(baseFiles, f => PrimaryKeyFiles.OfBaseFile(f.File.FilePath).Node.Mask > 3);
        }
    }

    private static async Task<string> StepAsync(PrimaryKeyTable table, Random random, Dictionary<long, (string? Name, int? Value)> model, int step, CancellationToken ct)
    {
        int choice = random.Next(100);
        if (choice < 12)
        {
            var options = new OptimizeOptions { Mode = random.Next(4) == 0 ? OptimizeMode.Full : OptimizeMode.Minor, RewriteRatio = random.NextDouble() };
            await table.OptimizeAsync(options, ct);
            return $"optimize {options.Mode}";
        }

        long[] keys = [.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => (long)random.Next(Keys)).Distinct()];
        (long Id, string? Name, int? Value) Row(long id) => (id, random.Next(5) == 0 ? null : $"s{step}-{id}", random.Next(4) == 0 ? null : random.Next(1000));
        if (choice < 30)
        {
            (long, string?, int?)[] rows = [.. keys.Where(k => !model.ContainsKey(k)).Select(Row)];
            if (rows.Length > 0)
            {
                await Rows.CommitAsync(table, async w =>
                {
                    using ColumnBatch batch = Rows.Of(rows);
                    await w.InsertAsync(batch, ct);
                });
                Apply(model, rows);
            }

            return $"insert {rows.Length}";
        }

        if (choice < 60)
        {
            (long, string?, int?)[] rows = [.. keys.Select(Row)];
            await Rows.UpsertAsync(table, rows);
            Apply(model, rows);
            return $"upsert {string.Join(',', keys)}";
        }

        if (choice < 80)
        {
            await Rows.DeleteAsync(table, keys);
            foreach (long key in keys)
            {
                model.Remove(key);
            }

            return $"delete {string.Join(',', keys)}";
        }

        long[] existing = [.. keys.Where(model.ContainsKey)];
        if (existing.Length == 0)
        {
            return "update none";
        }

        (long, string?, int?)[] before = [.. existing.Select(k => (k, model[k].Name, model[k].Value))];
        (long, string?, int?)[] after = [.. existing.Select(Row)];
        ChangeCommit? commit = await Rows.CommitAsync(table, async w =>
        {
            using ColumnBatch old = Rows.Of(before);
            using ColumnBatch @new = Rows.Of(after);
            await w.UpdateAsync(old, @new, ct);
        });
        Assert.NotNull(commit);
        Apply(model, after);
        return $"update {string.Join(',', existing)}";
    }

    private static void Apply(Dictionary<long, (string? Name, int? Value)> model, IEnumerable<(long Id, string? Name, int? Value)> rows)
    {
        foreach ((long id, string? name, int? value) in rows)
        {
            model[id] = (name, value);
        }
    }

    private static List<(long Id, string? Name, int? Value)> Sorted(Dictionary<long, (string? Name, int? Value)> state) =>
        [.. state.OrderBy(p => p.Key).Select(p => (p.Key, p.Value.Name, p.Value.Value))];
}
