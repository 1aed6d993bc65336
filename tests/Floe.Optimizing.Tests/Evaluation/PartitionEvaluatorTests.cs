using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using static Floe.Optimizing.Tests.Files;

namespace Floe.Optimizing.Tests.Evaluation;

public sealed class PartitionEvaluatorTests
{
    private const long Now = 10_000_000_000;
    private static readonly OptimizingConfig s_defaults = new();
    private static readonly OptimizingTimes s_justOptimized = new(Now - 1000, Now - 1000, Now - 1000, Now);

    private static PartitionEvaluator Evaluator(OptimizingConfig? config = null) =>
        new(0, PartitionData.Empty, "", config ?? s_defaults);

    [Fact]
    public void Files_are_classified_by_the_fragment_ratio_and_the_min_target_size_ratio()
    {
        Assert.Equal(DataFileClass.Fragment, FileRules.Classify(16 * MB, s_defaults));
        Assert.Equal(DataFileClass.UndersizedSegment, FileRules.Classify((16 * MB) + 1, s_defaults));
        Assert.Equal(DataFileClass.UndersizedSegment, FileRules.Classify(96 * MB, s_defaults));
        Assert.Equal(DataFileClass.Segment, FileRules.Classify((96 * MB) + 1, s_defaults));
        var custom = new OptimizingConfig { TargetSize = 1000, FragmentRatio = 4, MinTargetSizeRatio = 0.5 };
        Assert.Equal(DataFileClass.Fragment, FileRules.Classify(250, custom));
        Assert.Equal(DataFileClass.UndersizedSegment, FileRules.Classify(500, custom));
        Assert.Equal(DataFileClass.Segment, FileRules.Classify(501, custom));
    }

    [Fact]
    public void Minor_triggers_at_the_file_count_of_fragments_plus_equality_deletes()
    {
        var e = Evaluator();
        for (int i = 0; i < 10; i++)
        {
            e.AddDataFile(Data(MB), []);
        }

        e.AddDataFile(Data(200 * MB), []);
        Assert.Null(e.Decide(s_justOptimized, out _));
        e.AddDeleteFile(EqualityDeletes(5));
        Assert.Null(e.Decide(s_justOptimized, out _));
        e.AddDeleteFile(EqualityDeletes(5));
        Assert.Equal(OptimizingType.Minor, e.Decide(s_justOptimized, out string reason));
        Assert.Contains("minor.trigger.file-count 12", reason, StringComparison.Ordinal);
        Assert.Equal(10, e.FragmentCount);
        Assert.Equal(1, e.SegmentCount);
        Assert.Equal(2, e.EqualityDeleteFileCount);
    }

    [Fact]
    public void Minor_triggers_on_two_small_files_once_the_interval_passed_since_the_last_minor()
    {
        var e = Evaluator();
        e.AddDataFile(Data(MB), []);
        Assert.Null(e.Decide(OptimizingTimes.Never(Now), out _));
        e.AddDataFile(Data(MB), []);
        Assert.Null(e.Decide(new OptimizingTimes(Now - 3_599_999, 0, 0, Now), out _));
        Assert.Equal(OptimizingType.Minor, e.Decide(new OptimizingTimes(Now - 3_600_000, 0, 0, Now), out string reason));
        Assert.Contains("minor.trigger.interval", reason, StringComparison.Ordinal);

        var off = Evaluator(new OptimizingConfig { MinorTriggerIntervalMs = -1 });
        off.AddDataFile(Data(MB), []);
        off.AddDataFile(Data(MB), []);
        Assert.Null(off.Decide(OptimizingTimes.Never(Now), out _));
    }

    [Fact]
    public void Minor_triggers_for_a_segment_with_equality_deletes_or_two_position_delete_files()
    {
        var withEq = Evaluator();
        withEq.AddDataFile(Data(200 * MB, 1_000_000), [EqualityDeletes(3)]);
        Assert.Equal(OptimizingType.Minor, withEq.Decide(s_justOptimized, out _));
        Assert.Equal(1, withEq.RewritePosSegmentCount);

        var onePos = Evaluator();
        DataFile segment = Data(200 * MB, 1_000_000);
        onePos.AddDataFile(segment, [PositionDeletes(10, segment.FilePath)]);
        Assert.Null(onePos.Decide(s_justOptimized, out _));

        var twoPos = Evaluator();
        twoPos.AddDataFile(segment, [PositionDeletes(10, segment.FilePath), PositionDeletes(10, segment.FilePath)]);
        Assert.Equal(OptimizingType.Minor, twoPos.Decide(s_justOptimized, out string reason));
        Assert.Contains("segment", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Major_triggers_when_position_deletes_exceed_the_duplicate_ratio()
    {
        DataFile segment = Data(200 * MB, 1000);
        var below = Evaluator();
        below.AddDataFile(segment, [PositionDeletes(100, segment.FilePath)]);
        Assert.Null(below.Decide(s_justOptimized, out _));

        var above = Evaluator();
        above.AddDataFile(segment, [PositionDeletes(101, segment.FilePath)]);
        Assert.Equal(OptimizingType.Major, above.Decide(s_justOptimized, out string reason));
        Assert.Contains("duplicate-ratio", reason, StringComparison.Ordinal);
        Assert.Equal(1, above.RewriteSegmentCount);

        // A delete file whose path names another data file does not count.
        var elsewhere = Evaluator();
        elsewhere.AddDataFile(segment, [PositionDeletes(900, "/t/data/other.parquet")]);
        Assert.Null(elsewhere.Decide(s_justOptimized, out _));
    }

    [Fact]
    public void Major_triggers_when_undersized_segments_reach_the_target_size_and_two_fit_in_one()
    {
        var e = Evaluator();
        e.AddDataFile(Data(90 * MB), []);
        Assert.Null(e.Decide(s_justOptimized, out _));
        e.AddDataFile(Data(20 * MB), []);
        Assert.Null(e.Decide(s_justOptimized, out _));
        e.AddDataFile(Data(20 * MB), []);
        Assert.Equal(OptimizingType.Major, e.Decide(s_justOptimized, out string reason));
        Assert.Contains("undersized", reason, StringComparison.Ordinal);

        var tooBig = Evaluator();
        tooBig.AddDataFile(Data(90 * MB), []);
        tooBig.AddDataFile(Data(90 * MB), []);
        Assert.Null(tooBig.Decide(s_justOptimized, out _));
    }

    [Fact]
    public void Full_triggers_only_on_its_interval_and_with_something_to_rewrite()
    {
        var off = Evaluator();
        off.AddDataFile(Data(200 * MB), [EqualityDeletes(1)]);
        off.AddDeleteFile(EqualityDeletes(1));
        Assert.NotEqual(OptimizingType.Full, off.Decide(OptimizingTimes.Never(Now), out _));

        var config = new OptimizingConfig { FullTriggerIntervalMs = 1000 };
        var full = Evaluator(config);
        full.AddDataFile(Data(200 * MB), [EqualityDeletes(1)]);
        full.AddDeleteFile(EqualityDeletes(1));
        Assert.Equal(OptimizingType.Full, full.Decide(new OptimizingTimes(Now, Now, Now - 1000, Now), out string reason));
        Assert.Contains("full.trigger.interval", reason, StringComparison.Ordinal);
        Assert.NotEqual(OptimizingType.Full, full.Decide(new OptimizingTimes(Now, Now, Now - 999, Now), out _));

        var clean = Evaluator(config);
        clean.AddDataFile(Data(200 * MB), []);
        Assert.Null(clean.Decide(OptimizingTimes.Never(Now), out _));
    }

    [Fact]
    public void Health_score_drops_with_small_files_and_deleted_rows()
    {
        var healthy = Evaluator();
        healthy.AddDataFile(Data(120 * MB, 1000), []);
        Assert.Equal(100, healthy.HealthScore);

        var small = Evaluator();
        small.AddDataFile(Data(48 * MB, 1000), []);
        Assert.Equal(80, small.HealthScore);

        var deleted = Evaluator();
        DataFile segment = Data(120 * MB, 1000);
        deleted.AddDataFile(segment, [PositionDeletes(500, segment.FilePath)]);
        deleted.AddDeleteFile(EqualityDeletes(1000));
        Assert.Equal(40 + 0 + 10, deleted.HealthScore);
    }

    [Fact]
    public void Merged_counts_equal_counts_of_one_pass()
    {
        var one = Evaluator();
        var left = Evaluator();
        var right = Evaluator();
        long[] sizes = [MB, 20 * MB, 30 * MB, 200 * MB, 2 * MB];
        for (int i = 0; i < sizes.Length; i++)
        {
            DataFile file = Data(sizes[i]);
            one.AddDataFile(file, []);
            (i % 2 == 0 ? left : right).AddDataFile(file, []);
        }

        left.Merge(right);
        Assert.Equal(one.DataFileBytes, left.DataFileBytes);
        Assert.Equal(one.FragmentCount, left.FragmentCount);
        Assert.Equal(one.UndersizedSegmentCount, left.UndersizedSegmentCount);
        Assert.Equal(one.IsMajorNecessary(out _), left.IsMajorNecessary(out _));
        Assert.Equal(one.Weight(OptimizingType.Major), left.Weight(OptimizingType.Major));
    }

    [Fact]
    public void Status_moves_follow_the_state_machine()
    {
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.Idle, OptimizingStatus.Pending));
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.Pending, OptimizingStatus.Planning));
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.Planning, OptimizingStatus.MajorOptimizing));
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.Planning, OptimizingStatus.Idle));
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.MinorOptimizing, OptimizingStatus.Committing));
        Assert.True(OptimizingStatuses.CanMove(OptimizingStatus.Committing, OptimizingStatus.Idle));
        Assert.False(OptimizingStatuses.CanMove(OptimizingStatus.Idle, OptimizingStatus.Committing));
        Assert.False(OptimizingStatuses.CanMove(OptimizingStatus.Pending, OptimizingStatus.FullOptimizing));
        Assert.False(OptimizingStatuses.CanMove(OptimizingStatus.Committing, OptimizingStatus.Pending));
        Assert.Equal(OptimizingStatus.FullOptimizing, OptimizingStatuses.Running(OptimizingType.Full));
        Assert.Equal("minor-optimizing", OptimizingStatus.MinorOptimizing.ToDisplayName());
        Assert.Equal(700, (int)OptimizingStatus.Idle);
        Assert.Equal(100, (int)OptimizingStatus.FullOptimizing);
    }
}
