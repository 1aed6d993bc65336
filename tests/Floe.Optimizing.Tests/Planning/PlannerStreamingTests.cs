using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using Floe.Optimizing.Serialization;
using static Floe.Optimizing.Tests.EndToEnd.Pipeline;

namespace Floe.Optimizing.Tests.Planning;

/// <summary>
/// Planning decodes only the chosen partitions' manifest entries (in full, with their statistics) and skips the rest
/// after their partition: the files of a plan must be exactly the manifests' entries, and the plan the same as when
/// every partition is decoded.
/// </summary>
public sealed class PlannerStreamingTests
{
    /// <summary>A partitioned table of eight small files in category a (with an equality and a position delete), six in b, four in c.</summary>
    private static async Task<TestTable> FilledAsync()
    {
        TestTable table = TestTable.Create(partitioned: true);
        var a = new List<DataFile>();
        foreach ((string category, int count) in new[] { ("a", 8), ("b", 6), ("c", 4) })
        {
            for (int i = 0; i < count; i++)
            {
                DataFile file = await table.WriteDataAsync(Rows(category, (category[0] * 1000) + (i * 10), 10));
                await TestTable.AppendAsync(table.Table, file);
                if (category == "a")
                {
                    a.Add(file);
                }
            }
        }

        DeleteFile eq = await table.WriteIdDeletesAsync("a", 97_003, 97_015);
        DeleteFile pos = await table.WritePositionDeletesAsync("a", (a[2], 0), (a[2], 1));
        await TestTable.RowDeltaAsync(table.Table, [], [eq, pos]);
        return table;
    }

    /// <summary>Every live file of the current snapshot as fully decoded, by path.</summary>
    private static async Task<Dictionary<string, ContentFile>> ManifestFilesAsync(TestTable table)
    {
        var ct = TestContext.Current.CancellationToken;
        var files = new Dictionary<string, ContentFile>(StringComparer.Ordinal);
        Snapshot snapshot = table.Metadata.CurrentSnapshot!;
        foreach (ManifestFile manifest in await ManifestListReader.ReadAllAsync(table.Table.Operations.Io.NewInputFile(snapshot.ManifestList!), ct))
        {
            foreach (ManifestEntry entry in await ManifestReader.ReadAllAsync(table.Table.Operations.Io.NewInputFile(manifest.Path), manifest, ct))
            {
                if (entry.IsLive)
                {
                    files.Add(entry.File.FilePath, entry.File);
                }
            }
        }

        return files;
    }

    [Fact]
    public async Task A_capped_plan_holds_the_chosen_partitions_files_as_the_manifests_list_them_and_plans_them_as_an_uncapped_plan_does()
    {
        using TestTable table = await FilledAsync();
        var ct = TestContext.Current.CancellationToken;
        var io = table.Table.Operations.Io;
        OptimizingTimes times = OptimizingTimes.Never(Now);

        OptimizingProcess? capped = await new OptimizingPlanner(table.Metadata, io) { MaxInputBytes = 1, Parallelism = 2 }.PlanAsync(1, times, ct);
        OptimizingProcess? uncapped = await new OptimizingPlanner(table.Metadata, io) { Parallelism = 2 }.PlanAsync(1, times, ct);

        Assert.NotNull(capped);
        Assert.NotNull(uncapped);
        Assert.All(capped.Tasks, t => Assert.Equal(table.PartitionOf("a"), t.Partition));
        Assert.Equal(3, uncapped.Tasks.Select(t => t.Partition).Distinct().Count());
        Assert.Equal(uncapped.Tasks[0].Partition, table.PartitionOf("a"));

        // The chosen partition's tasks are the same tasks, to the byte, whether the other partitions were decoded or not.
        Assert.Equal(
            uncapped.Tasks.Where(t => t.Partition.Equals(table.PartitionOf("a"))).Select(TaskPayloads.ToJson),
            capped.Tasks.Select(TaskPayloads.ToJson));

        // Every file of the plan is its manifest entry in full (statistics included); all eight of a's data files are in it.
        Dictionary<string, ContentFile> manifests = await ManifestFilesAsync(table);
        List<TaskFile> planned = [.. capped.Tasks.SelectMany(t => t.RewrittenDataFiles.Concat(t.RewritePosDataFiles).Concat(t.ReadOnlyDeleteFiles).Concat(t.RewrittenDeleteFiles))];
        Assert.Equal(10, planned.Count);
        Assert.Equal(8, planned.Count(f => f.File is DataFile));
        Assert.All(planned, f =>
        {
            Assert.NotNull(f.File.LowerBounds);
            Assert.NotNull(f.File.ValueCounts);
            Assert.Equal(TaskPayloads.ToJson(manifests[f.File.FilePath]), TaskPayloads.ToJson(f.File));
        });
    }

    [Fact]
    public async Task Streaming_with_a_partition_filter_visits_the_accepted_files_as_streaming_everything_does()
    {
        using TestTable table = await FilledAsync();
        var ct = TestContext.Current.CancellationToken;
        var io = table.Table.Operations.Io;
        SnapshotFiles files = await SnapshotFiles.OpenAsync(table.Metadata, table.Metadata.CurrentSnapshot!, io, keepDeleteStats: true, ct);
        PartitionData a = table.PartitionOf("a");
        int asked = 0;

        List<string> all = await VisitAsync(null);
        List<string> filtered = await VisitAsync((specId, partition) =>
        {
            Interlocked.Increment(ref asked);
            return specId == table.Spec.SpecId && partition.Equals(a);
        });

        Assert.Equal(18, all.Count);
        Assert.Equal(18, asked);
        Assert.Equal(8, filtered.Count);
        Assert.Equal(all.Where(v => v.Contains("\"partition\":" + PartitionJson(a), StringComparison.Ordinal)), filtered);

        async Task<List<string>> VisitAsync(Func<int, PartitionData, bool>? filter)
        {
            IReadOnlyList<List<string>> states = await files.ForEachDataFileAsync(
                io,
                2,
                columnStats: true,
                filter,
                () => new List<string>(),
                (state, file, sequenceNumber, deletes) => state.Add($"{TaskPayloads.ToJson(file)} seq={sequenceNumber} deletes={string.Join(",", deletes.Select(d => d.FilePath).Order(StringComparer.Ordinal))}"),
                ct);
            return [.. states.SelectMany(s => s).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>The partition as the content file JSON writes it.</summary>
    private static string PartitionJson(PartitionData partition)
    {
        string json = TaskPayloads.ToJson(new DataFile { FilePath = "x", Format = FileFormat.Parquet, Partition = partition, RecordCount = 0, FileSizeInBytes = 0 });
        int start = json.IndexOf("\"partition\":", StringComparison.Ordinal) + "\"partition\":".Length;
        int end = json.IndexOf(']', start) + 1;
        return json[start..end];
    }
}
