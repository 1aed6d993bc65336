using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Values;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Planning;
using static Floe.Optimizing.Tests.Files;

namespace Floe.Optimizing.Tests.Planning;

public sealed class PartitionPlannerTests
{
    private static readonly TaskTable s_table = new("/t", TestTable.Schema, PartitionSpec.Unpartitioned, new Dictionary<string, string>());

    private static List<RewriteTask> Plan(OptimizingType type, OptimizingConfig config, params (DataFile File, DeleteFile[] Deletes)[] files)
    {
        var input = new PartitionFiles();
        foreach (var (file, deletes) in files)
        {
            input.DataFiles.Add((new TaskFile(file, 1), deletes));
        }

        int next = 1;
        return new PartitionPlanner(config, s_table, PartitionData.Empty, type, _ => 2).Plan(input, 7, ref next);
    }

    [Fact]
    public void Bin_packing_fills_bins_first_fit_by_decreasing_size()
    {
        List<List<long>> bins = BinPacking.Pack<long>([60, 50, 40, 30, 20, 200], s => s, 100);
        Assert.Equal([[200], [60, 40], [50, 30, 20]], bins);
    }

    [Fact]
    public void Fragments_are_packed_up_to_the_task_capacity()
    {
        var fragments = Enumerable.Range(0, 10).Select(_ => (Data(15 * MB), Array.Empty<DeleteFile>())).ToArray();
        List<RewriteTask> tasks = Plan(OptimizingType.Minor, new OptimizingConfig(), fragments);
        Assert.Equal([8, 2], tasks.Select(t => t.RewrittenDataFiles.Count));
        Assert.All(tasks, t => Assert.True(t.RewrittenDataFiles.Sum(f => f.File.FileSizeInBytes) <= 128 * MB));
        Assert.Equal([1, 2], tasks.Select(t => t.TaskId));
        Assert.All(tasks, t => Assert.Equal(7, t.ProcessId));

        // max-task-size-bytes above the target size makes bigger tasks.
        tasks = Plan(OptimizingType.Minor, new OptimizingConfig { MaxTaskSizeBytes = 256 * MB }, fragments);
        Assert.Equal(10, Assert.Single(tasks).RewrittenDataFiles.Count);
    }

    [Fact]
    public void A_single_fragment_without_deletes_is_left_alone_but_one_with_deletes_is_rewritten()
    {
        Assert.Empty(Plan(OptimizingType.Minor, new OptimizingConfig(), (Data(MB), [])));
        DataFile file = Data(MB);
        DeleteFile deletes = PositionDeletes(3, file.FilePath);
        RewriteTask task = Assert.Single(Plan(OptimizingType.Minor, new OptimizingConfig(), (file, [deletes])));
        Assert.Equal(file.FilePath, Assert.Single(task.RewrittenDataFiles).File.FilePath);
        Assert.Equal(deletes.FilePath, Assert.Single(task.RewrittenDeleteFiles).File.FilePath);
        Assert.Equal(2, task.RewrittenDeleteFiles[0].DataSequenceNumber);
    }

    [Fact]
    public void Undersized_segments_are_packed_apart_and_a_bin_of_one_is_dropped()
    {
        var config = new OptimizingConfig();
        DataFile fragment1 = Data(MB), fragment2 = Data(MB);
        DataFile under1 = Data(60 * MB), under2 = Data(50 * MB), under3 = Data(90 * MB);
        List<RewriteTask> tasks = Plan(OptimizingType.Major, config, (fragment1, []), (fragment2, []), (under1, []), (under2, []), (under3, []));
        Assert.Equal(2, tasks.Count);
        Assert.Equal([fragment1.FilePath, fragment2.FilePath], tasks[0].RewrittenDataFiles.Select(f => f.File.FilePath).Order());
        Assert.Equal([under1.FilePath, under2.FilePath], tasks[1].RewrittenDataFiles.Select(f => f.File.FilePath).Order());

        // Minor optimizing does not touch undersized segments.
        Assert.Single(Plan(OptimizingType.Minor, config, (fragment1, []), (fragment2, []), (under1, []), (under2, [])));
    }

    [Fact]
    public void Segments_with_equality_deletes_get_rewrite_pos_and_shared_deletes_stay_read_only()
    {
        var config = new OptimizingConfig();
        DataFile segment = Data(200 * MB), clean = Data(200 * MB), fragment1 = Data(MB), fragment2 = Data(MB);
        DeleteFile eq = EqualityDeletes(10);
        DeleteFile pos = PositionDeletes(1, clean.FilePath);
        List<RewriteTask> tasks = Plan(OptimizingType.Minor, config, (segment, [eq]), (fragment1, [eq]), (fragment2, []), (clean, [pos]));
        RewriteTask rewrite = Assert.Single(tasks, t => t.RewrittenDataFiles.Count > 0);
        RewriteTask rewritePos = Assert.Single(tasks, t => t.RewritePosDataFiles.Count > 0);
        Assert.Equal(segment.FilePath, Assert.Single(rewritePos.RewritePosDataFiles).File.FilePath);
        Assert.Equal(2, rewrite.RewrittenDataFiles.Count);
        // Every file the equality delete applies to is planned: it goes.
        Assert.Equal(eq.FilePath, Assert.Single(rewrite.RewrittenDeleteFiles).File.FilePath);
        Assert.Equal(eq.FilePath, Assert.Single(rewritePos.RewrittenDeleteFiles).File.FilePath);

        // A position delete file that also applies to a segment left alone stays, read-only.
        DeleteFile shared = PositionDeletes(2);
        tasks = Plan(OptimizingType.Minor, config, (fragment1, [shared]), (fragment2, []), (clean, [shared]));
        RewriteTask only = Assert.Single(tasks);
        Assert.Equal(shared.FilePath, Assert.Single(only.ReadOnlyDeleteFiles).File.FilePath);
        Assert.Empty(only.RewrittenDeleteFiles);
    }

    [Fact]
    public void Major_rewrites_segments_over_the_duplicate_ratio_and_full_rewrites_everything()
    {
        var config = new OptimizingConfig();
        DataFile heavy = Data(200 * MB, 1000), light = Data(200 * MB, 1000);
        DeleteFile heavyDeletes = PositionDeletes(500, heavy.FilePath);
        RewriteTask task = Assert.Single(Plan(OptimizingType.Major, config, (heavy, [heavyDeletes]), (light, [])));
        Assert.Equal(heavy.FilePath, Assert.Single(task.RewrittenDataFiles).File.FilePath);

        List<RewriteTask> full = Plan(OptimizingType.Full, config, (heavy, [heavyDeletes]), (light, []));
        Assert.Equal(2, full.Sum(t => t.RewrittenDataFiles.Count));
        Assert.All(full, t => Assert.Equal(OptimizingType.Full, t.Type));

        List<RewriteTask> partial = Plan(OptimizingType.Full, config with { FullRewriteAllFiles = false }, (heavy, [heavyDeletes]), (light, []));
        Assert.Equal(heavy.FilePath, Assert.Single(partial.SelectMany(t => t.RewrittenDataFiles)).File.FilePath);
    }
}
