using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Values;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Reading;
using Floe.Table.Data.Writing;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Reading;

/// <summary>The merge caches are process-wide: tests that set their bounds run alone.</summary>
[CollectionDefinition(nameof(MergeCacheCollection), DisableParallelization = true)]
public sealed class MergeCacheCollection;

/// <summary>
/// Merge-on-read with <see cref="MergeCaches"/> on, off and tiny (evicting all the time) answers as an in-memory model
/// says, through random upserts, deletes and optimizing, queries with filters and projections run one after another and
/// in parallel, and reads back in time; and the cached states extend, rebuild and handle duplicate base keys as meant.
/// </summary>
[Collection(nameof(MergeCacheCollection))]
public sealed class MergeCacheTests
{
    private const int Keys = 40;

    private static readonly Query[] s_queries =
    [
        new("all", Expression.True, ["id", "name", "value"], _ => true),
        new("value >= 500", Expr.GreaterThanOrEqual("value", Literal.Of(500)), ["id", "value"], r => r.Value >= 500),
        new("id < 15", Expr.LessThan("id", Literal.Of(15L)), ["name", "id"], r => r.Id < 15),
        new("id in (3, 7, 21) or name is null", Expr.Or(Expr.In("id", Literal.Of(3L), Literal.Of(7L), Literal.Of(21L)), Expr.IsNull("name")), ["id", "name"],
            r => r.Id is 3 or 7 or 21 || r.Name is null),
        new("value < 300, only value", Expr.LessThan("value", Literal.Of(300)), ["value"], r => r.Value < 300),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("on", 1)]
    [InlineData("off", 2)]
    [InlineData("tiny", 3)]
    [InlineData("on", 4)]
    public async Task Random_steps_read_as_the_model_says_with_the_caches(string caches, int seed)
    {
        using var bounds = CacheBounds.Set(caches switch { "off" => 0, "tiny" => 64 << 10, _ => null });
        using TestTable fixture = Bucketed(4, 2);
        PrimaryKeyTable table = fixture.Open();
        var random = new Random(seed);
        var model = new SortedDictionary<long, (string? Name, int? Value)>();
        var checkpoints = new List<(long SnapshotId, List<string> Rows)>();
        for (int step = 0; step < 45; step++)
        {
            string operation = await StepAsync(table, random, model, step);
            string context = $"{caches}, seed {seed}, step {step} ({operation})";

            // Each query twice in a row (the second one hits what the first kept), then all at once.
            foreach (Query query in s_queries)
            {
                for (int run = 0; run < 2; run++)
                {
                    Assert.True(Expected(model, query).SequenceEqual(await ReadAsync(table.NewScan(), query)), $"{query.Name} (run {run}) differs after {context}");
                }
            }

            List<string>[] parallel = await Task.WhenAll(s_queries.Concat(s_queries).Select(q => Task.Run(() => ReadAsync(table.NewScan(), q), Ct)));
            for (int i = 0; i < parallel.Length; i++)
            {
                Query query = s_queries[i % s_queries.Length];
                Assert.True(Expected(model, query).SequenceEqual(parallel[i]), $"{query.Name} in parallel differs after {context}");
            }

            if (table.ChangeTable.Metadata.CurrentSnapshot is { } head && (checkpoints.Count == 0 || checkpoints[^1].SnapshotId != head.SnapshotId))
            {
                checkpoints.Add((head.SnapshotId, Expected(model, s_queries[0])));
            }

            // Back in time with the current states cached: an earlier snapshot reads as it did.
            (long then, List<string> rows) = checkpoints[random.Next(checkpoints.Count)];
            Assert.True(rows.SequenceEqual(await ReadAsync(table.NewScan().AsOfChangeSnapshot(then), s_queries[0])), $"snapshot {then} reads differently after {context}");
        }
    }

    [Fact]
    public async Task A_state_extended_with_new_change_files_reads_as_one_built_anew()
    {
        using var bounds = CacheBounds.Set(null);
        using TestTable fixture = Bucketed(2, 2);
        PrimaryKeyTable table = fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 30).Select(i => ((long)i, (string?)$"a{i}", (int?)i))]);
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, Ct);
        await Rows.UpsertAsync(table, (1, "b1", 100), (2, "b2", 200));
        await Rows.DeleteAsync(table, 3);
        Query all = s_queries[0];
        await ReadAsync(table.NewScan(), all);
        Dictionary<MergeStateKey, MergeState> before = await StatesAsync(table);

        await Rows.UpsertAsync(table, (2, "c2", 20), (4, "c4", 40), (40, "c40", 400));
        await Rows.DeleteAsync(table, 1);
        List<string> extended = await ReadAsync(table.NewScan(), all);
        Dictionary<MergeStateKey, MergeState> after = await StatesAsync(table);
        Assert.NotEmpty(before);
        foreach ((MergeStateKey key, MergeState earlier) in before)
        {
            // A node whose change files grew extends its earlier state; one without new files keeps it.
            MergeState state = after[key];
            Assert.True(state == earlier || (state.ParentVersion == earlier.Version && state.Files.IsProperSupersetOf(earlier.Files)));
        }

        Assert.Contains(after, p => before.TryGetValue(p.Key, out MergeState? earlier) && p.Value.ParentVersion == earlier.Version);

        // What the extended states give is what the plain merge and states built from scratch give.
        MergeCaches.Clear();
        Assert.Equal(extended, await ReadAsync(table.NewScan(), all));
        Assert.All((await StatesAsync(table)).Values, state => Assert.Equal(0, state.ParentVersion));
        using (CacheBounds.Set(0))
        {
            Assert.Equal(extended, await ReadAsync(table.NewScan(), all));
        }

        Assert.Contains("id=2|name=c2|value=20", extended);
        Assert.Contains("id=40|name=c40|value=400", extended);
        Assert.DoesNotContain(extended, r => r.StartsWith("id=1|", StringComparison.Ordinal) || r.StartsWith("id=3|", StringComparison.Ordinal));
        Assert.Equal(29, extended.Count);
    }

    [Fact]
    public async Task A_base_file_is_indexed_on_its_second_merge_not_its_first()
    {
        using var bounds = CacheBounds.Set(null);
        using TestTable fixture = Bucketed(1, 1);
        PrimaryKeyTable table = fixture.Open();
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 30).Select(i => ((long)i, (string?)$"a{i}", (int?)i))]);
        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Full }, Ct);
        await Rows.UpsertAsync(table, (1, "b1", 100), (2, "b2", 200));
        Query all = s_queries[0];
        FileKey[] baseFiles = [.. (await table.NewScan().PlanAsync(Ct)).SelectMany(t => t.BaseFiles).Select(f => new FileKey(f.File.FilePath, f.File.FileSizeInBytes))];
        Assert.NotEmpty(baseFiles);

        // The first merge reads the base rows' keys as it goes: no index is built, no exclusions are kept.
        List<string> first = await ReadAsync(table.NewScan(), all);
        Assert.All(baseFiles, file => Assert.False(MergeCaches.BaseKeys.TryGet(file, out _)));
        Assert.All(baseFiles, file => Assert.True(MergeCaches.MergedOnce.TryGet(file, out _)));
        Assert.Equal(0, MergeCaches.Exclusions.Count);

        // The second indexes every row of the file and answers the same, with one miss a file (the index it built).
        long misses = MergeCaches.BaseKeys.Misses;
        Assert.Equal(first, await ReadAsync(table.NewScan(), all));
        Assert.Equal(misses + baseFiles.Length, MergeCaches.BaseKeys.Misses);
        Assert.All(baseFiles, file => Assert.Equal(30, Index(file).RowCount));
        Assert.Equal(baseFiles.Length, MergeCaches.Exclusions.Count);

        // A state grown by a new change file finds its rows through the index, as a merge without caches does.
        await Rows.UpsertAsync(table, (3, "c3", 300));
        List<string> grown = await ReadAsync(table.NewScan(), all);
        using (CacheBounds.Set(0))
        {
            Assert.Equal(await ReadAsync(table.NewScan(), all), grown);
        }

        Assert.Contains("id=1|name=b1|value=100", first);
        Assert.Contains("id=3|name=c3|value=300", grown);
        Assert.Equal(30, grown.Count);

        static BaseKeyIndex Index(FileKey file) => MergeCaches.BaseKeys.TryGet(file, out BaseKeyIndex index) ? index : throw new InvalidOperationException($"{file} is not in the cache");
    }

    [Fact]
    public async Task Optimizing_retires_change_files_and_the_next_query_builds_its_state_anew()
    {
        using var bounds = CacheBounds.Set(null);
        using TestTable fixture = Bucketed(1, 1);
        PrimaryKeyTable table = fixture.Open();
        await Rows.UpsertAsync(table, (1, "a", 1), (2, "b", 2), (3, "c", 3));
        long first = (await Rows.UpsertAsync(table, (2, "b2", 20)))!.SnapshotId;
        await Rows.DeleteAsync(table, 3);
        Query all = s_queries[0];
        Assert.Equal(["id=1|name=a|value=1", "id=2|name=b2|value=20"], await ReadAsync(table.NewScan(), all));
        MergeState current = Assert.Single((await StatesAsync(table)).Values);

        // Back in time the cached state covers files the snapshot lacks: built apart, and the current one stays cached.
        Assert.Equal(["id=1|name=a|value=1", "id=2|name=b2|value=20", "id=3|name=c|value=3"], await ReadAsync(table.NewScan().AsOfChangeSnapshot(first), all));
        Assert.Same(current, Assert.Single((await StatesAsync(table)).Values));

        await table.OptimizeAsync(new OptimizeOptions { Mode = OptimizeMode.Minor }, Ct);
        await Rows.UpsertAsync(table, (4, "d", 4));
        Assert.Equal(["id=1|name=a|value=1", "id=2|name=b2|value=20", "id=4|name=d|value=4"], await ReadAsync(table.NewScan(), all));
        MergeTask task = Assert.Single(await table.NewScan().PlanAsync(Ct));
        Assert.True(task.OptimizedPoint > 0);
        MergeState rebuilt = Assert.Single((await StatesAsync(table)).Values);
        Assert.Equal(0, rebuilt.ParentVersion);
        Assert.Equal(task.ChangeFiles.Count, rebuilt.Files.Count);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task A_key_held_twice_by_a_base_file_hides_both_rows_once_changed(string caches)
    {
        using var bounds = CacheBounds.Set(caches == "off" ? 0 : null);
        using TestTable fixture = Bucketed(1, 1);
        PrimaryKeyTable table = fixture.Open();
        string location = $"{table.BaseTable.Metadata.Location}/data/1-B-0-00000-0-op-00001.parquet";
        DataFile file;
        await using (Stream stream = await table.BaseTable.Operations.Io.NewOutputFile(location).CreateAsync(Ct))
        {
            await using var writer = new DataFileWriter(stream, location, new DataWriterConfig { Schema = table.Schema });
            using ColumnBatch rows = Rows.Of((1, "x", 10), (2, "y", 20), (1, "z", 30), (3, "w", 40));
            await writer.WriteAsync(rows, Ct);
            file = await writer.CloseAsync(Ct);
        }

        await table.BaseTable.NewFastAppend().AppendFile(file).CommitAsync(Ct);
        Query all = s_queries[0];
        Assert.Equal(["id=1|name=x|value=10", "id=1|name=z|value=30", "id=2|name=y|value=20", "id=3|name=w|value=40"], await ReadAsync(table.NewScan(), all));

        await Rows.UpsertAsync(table, (1, "new", 1));
        for (int run = 0; run < 2; run++)
        {
            Assert.Equal(["id=1|name=new|value=1", "id=2|name=y|value=20", "id=3|name=w|value=40"], await ReadAsync(table.NewScan(), all));
        }

        await Rows.DeleteAsync(table, 3);
        Assert.Equal(["id=1|name=new|value=1", "id=2|name=y|value=20"], await ReadAsync(table.NewScan(), all));
        Assert.Equal(["value=1", "value=20"], await ReadAsync(table.NewScan(), s_queries[4]));
    }

    [Fact]
    public void A_base_key_index_lists_every_position_of_a_repeated_key()
    {
        var builder = new BaseKeyIndex.Builder(2);
        byte[][] keys = [[1], [2], [1], [3], [1]];
        foreach (byte[] key in keys)
        {
            builder.Add(key);
        }

        BaseKeyIndex index = builder.Build();
        Assert.Equal(5, index.RowCount);
        var positions = new List<long>();
        index.AddPositions([1], positions);
        Assert.Equal([0L, 2L, 4L], positions);
        positions.Clear();
        index.AddPositions([3], positions);
        index.AddPositions([9], positions);
        Assert.Equal([3L], positions);
    }

    [Fact]
    public void A_key_version_map_of_integer_keys_answers_by_value_as_it_does_by_bytes()
    {
        var random = new Random(8);
        long[] longs = [0, -1, 1, long.MinValue, long.MaxValue, .. Enumerable.Range(0, 3000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)), .. Enumerable.Range(0, 3000).Select(i => (long)i * 1024)];
        var map = new KeyVersionMap();
        foreach (long key in longs)
        {
            map.Put(BitConverter.GetBytes(key), 1, 0, 1);
        }

        // Too few lookups for the keys build nothing; enough build the set once.
        Assert.Null(map.IntegerKeys(8, map.Count / 5));
        IntegerKeySet set = map.IntegerKeys(8, map.Count / 4) ?? throw new InvalidOperationException("no set for 8-byte keys");
        Assert.Same(set, map.IntegerKeys(8, 1));
        Assert.All(longs, key => Assert.True(set.Contains(key)));
        for (int i = 0; i < 20_000; i++)
        {
            long probe = i % 2 == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-5000, 4_000_000);
            Assert.Equal(map.Contains(BitConverter.GetBytes(probe)), set.Contains(probe));
        }

        // Keys of another width have no integer form; a put after building drops the built set.
        Assert.Null(map.IntegerKeys(4, map.Count));
        map.Put(BitConverter.GetBytes(123_456_789_012L), 2, 0, 1);
        Assert.True(map.IntegerKeys(8, map.Count)!.Contains(123_456_789_012L));
        map.Put([1, 2, 3], 2, 1, 1);
        Assert.Null(map.IntegerKeys(8, map.Count));

        var ints = new KeyVersionMap();
        foreach (int key in new[] { int.MinValue, -7, 0, 7, int.MaxValue })
        {
            ints.Put(BitConverter.GetBytes(key), 1, 0, 1);
        }

        IntegerKeySet intSet = ints.IntegerKeys(4, ints.Count)!;
        Assert.True(intSet.Contains(int.MinValue) && intSet.Contains(-7) && intSet.Contains(int.MaxValue));
        Assert.False(intSet.Contains(8) || intSet.Contains((long)int.MaxValue + 1));
    }

    [Fact]
    public void A_cloned_key_version_map_keeps_numbers_and_leaves_the_original_alone()
    {
        var map = new KeyVersionMap();
        map.Put([1], 5, 0, 1);
        map.Put([2], 5, 1, 1);
        KeyVersionMap clone = map.Clone();
        clone.Put([3], 6, 0, 1);
        clone.Put([1], 7, 0, 0);
        Assert.Equal(2, map.Count);
        Assert.False(map.Contains([3]));
        Assert.True(map.TryGet([1], out long transaction, out _, out byte rank) && transaction == 5 && rank == 1);
        Assert.Equal(3, clone.Count);
        Assert.Equal([3], clone.KeyAt(2).ToArray());
        Assert.True(clone.TryGet([1], out transaction, out _, out rank) && transaction == 7 && rank == 0);
        Assert.True(clone.AllocatedBytes > 0);
    }

    [Fact]
    public void Filter_fingerprints_tell_literals_of_other_types_and_values_apart()
    {
        var schema = TestTable.DefaultSchema;
        string Print(Expression e) => StorePlans.Fingerprint(Binder.Bind(schema, e));
        Assert.Equal(Print(Expr.Equal("name", Literal.Of("a"))), Print(Expr.Equal("name", Literal.Of("a"))));
        Assert.NotEqual(Print(Expr.Equal("name", Literal.Of("a\",\"b"))), Print(Expr.In("name", Literal.Of("a"), Literal.Of("b"))));
        Assert.NotEqual(Print(Expr.LessThan("value", Literal.Of(5))), Print(Expr.LessThanOrEqual("value", Literal.Of(5))));
        Assert.NotEqual(Print(Expr.Equal("id", Literal.Of(5L))), Print(Expr.Equal("value", Literal.Of(5))));
    }

    [Fact]
    public async Task A_change_commit_is_planned_from_the_plan_before_it_as_a_whole_plan_would_be()
    {
        using var bounds = CacheBounds.Set(null);
        using TestTable fixture = Bucketed(2, 2);
        PrimaryKeyTable table = fixture.Open();
        Expression filter = Binder.Bind(table.Schema, Expr.LessThan("id", Literal.Of(30L)));
        await Rows.UpsertAsync(table, [.. Enumerable.Range(0, 40).Select(i => ((long)i, (string?)$"a{i}", (int?)i))]);
        for (int commit = 0; commit < 6; commit++)
        {
            // The query keeps the plan of the snapshot the next commit appends to.
            await ReadAsync(table.NewScan(), s_queries[2]);
            if (commit % 2 == 0)
            {
                await Rows.UpsertAsync(table, ((long)commit / 2, "b", commit), (35L + commit, "c", commit));
            }
            else
            {
                await Rows.DeleteAsync(table, 10L + (commit / 2));
            }

            TableMetadata change = table.ChangeTable.Metadata;
            Snapshot head = change.CurrentSnapshot!;
            IReadOnlyList<FileScanTask> planned = await StorePlans.PlanAsync(change, table.ChangeTable.Operations.Io, head, filter, true, Ct);
            IReadOnlyList<FileScanTask> whole = await new TableScan(change, table.ChangeTable.Operations.Io).UseSnapshot(head.SnapshotId).Where(filter).PlanFilesAsync(Ct);
            Assert.Equal(
                whole.Select(t => (t.File.FilePath, t.DataSequenceNumber)).Order(),
                planned.Select(t => (t.File.FilePath, t.DataSequenceNumber)).Order());
        }

        Assert.Equal(
            [.. Enumerable.Range(0, 15).Where(i => i is not (10 or 11 or 12)).Select(i => $"id={i}|name={(i < 3 ? "b" : $"a{i}")}").Order(StringComparer.Ordinal)],
            await ReadAsync(table.NewScan(), s_queries[2]));
    }

    [Fact]
    public void One_bound_sizes_every_cache_at_its_default_share()
    {
        using var bounds = CacheBounds.Set(null);
        Assert.Equal(MergeCaches.DefaultMaxBytes, MergeCaches.MaxBytes);
        Assert.Equal(256L << 20, MergeCaches.KeyMaps.MaxBytes);
        Assert.Equal(16L << 20, MergeCaches.Tasks.MaxBytes);
        MergeCaches.MaxBytes = MergeCaches.DefaultMaxBytes / 2;
        Assert.Equal(128L << 20, MergeCaches.KeyMaps.MaxBytes);
        Assert.Equal(16L << 20, MergeCaches.Plans.MaxBytes);
        MergeCaches.MaxBytes = 0;
        Assert.False(MergeCaches.KeyMaps.Enabled || MergeCaches.BaseKeys.Enabled || MergeCaches.Exclusions.Enabled
            || MergeCaches.ChangeRows.Enabled || MergeCaches.Plans.Enabled || MergeCaches.Tasks.Enabled);
    }

    private static TestTable Bucketed(int baseBuckets, int changeBuckets) => TestTable.Create(properties: new Dictionary<string, string>
    {
        [PrimaryKeyProperties.BaseHashBucket.Key] = baseBuckets.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [PrimaryKeyProperties.ChangeHashBucket.Key] = changeBuckets.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static async Task<Dictionary<MergeStateKey, MergeState>> StatesAsync(PrimaryKeyTable table)
    {
        var states = new Dictionary<MergeStateKey, MergeState>();
        foreach (MergeTask task in await table.NewScan().PlanAsync(Ct))
        {
            var key = new MergeStateKey(table.ChangeTable.Metadata.Location, task.PartitionPath, task.Node, task.OptimizedPoint);
            if (task.ChangeFiles.Count > 0 && MergeCaches.KeyMaps.TryGet(key, out MergeState state))
            {
                states[key] = state;
            }
        }

        return states;
    }

    private static async Task<string> StepAsync(PrimaryKeyTable table, Random random, SortedDictionary<long, (string? Name, int? Value)> model, int step)
    {
        int choice = random.Next(100);
        if (choice < 15)
        {
            var options = new OptimizeOptions { Mode = random.Next(3) == 0 ? OptimizeMode.Full : OptimizeMode.Minor };
            await table.OptimizeAsync(options, Ct);
            return $"optimize {options.Mode}";
        }

        long[] keys = [.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => (long)random.Next(Keys)).Distinct()];
        if (choice < 75)
        {
            (long, string?, int?)[] rows = [.. keys.Select(k => (k, random.Next(6) == 0 ? null : $"s{step}-{k}", random.Next(5) == 0 ? (int?)null : random.Next(1000)))];
            await Rows.UpsertAsync(table, rows);
            foreach ((long id, string? name, int? value) in rows)
            {
                model[id] = (name, value);
            }

            return $"upsert {string.Join(',', keys)}";
        }

        await Rows.DeleteAsync(table, keys);
        foreach (long key in keys)
        {
            model.Remove(key);
        }

        return $"delete {string.Join(',', keys)}";
    }

    private static List<string> Expected(SortedDictionary<long, (string? Name, int? Value)> model, Query query) =>
        [.. model.Select(p => (Id: p.Key, p.Value.Name, p.Value.Value)).Where(query.Keep)
            .Select(r => Format(query.Columns, c => c switch { "id" => r.Id, "name" => r.Name, _ => r.Value }))
            .Order(StringComparer.Ordinal)];

    private static async Task<List<string>> ReadAsync(MergeOnReadScan scan, Query query)
    {
        var rows = new List<string>();
        await foreach (ColumnBatch batch in scan.Where(query.Filter).Select(query.Columns).ReadAsync(Ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(Format(query.Columns, c => batch.Column(c).GetValue(row)));
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Format(string[] columns, Func<string, object?> value) =>
        string.Join('|', columns.Order(StringComparer.Ordinal).Select(c => $"{c}={value(c) ?? "null"}"));

    private sealed record Query(string Name, Expression Filter, string[] Columns, Func<(long Id, string? Name, int? Value), bool> Keep);

    /// <summary>Sets the merge caches' bounds (null: the defaults) and puts the previous ones back when disposed.</summary>
    private sealed class CacheBounds : IDisposable
    {
        private readonly long _previous = MergeCaches.MaxBytes;

        public static CacheBounds Set(long? bytes)
        {
            var saved = new CacheBounds();
            MergeCaches.Clear();
            MergeCaches.MaxBytes = bytes ?? MergeCaches.DefaultMaxBytes;
            return saved;
        }

        public void Dispose()
        {
            MergeCaches.MaxBytes = _previous;
            MergeCaches.Clear();
        }
    }
}
