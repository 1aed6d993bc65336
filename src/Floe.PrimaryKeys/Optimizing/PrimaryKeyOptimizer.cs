using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// Optimize now: merges a primary-key table's pending change rows into its base store (see
/// <see cref="OptimizeMode"/>) and commits to the base store only, with the per-partition optimized points carried
/// forward in the snapshot summary and <c>snapshot.producer=OPTIMIZE</c>. Writers append to the change store, so
/// the commit never conflicts with them; when another optimize moved the base store first, the run plans again.
/// Merge-on-read returns the same rows before and after.
/// </summary>
public static class PrimaryKeyOptimizer
{
    /// <summary>Runs one optimize of <paramref name="table"/>; returns what was done (nothing when no change is pending).</summary>
    public static async Task<OptimizeResult> OptimizeAsync(this PrimaryKeyTable table, OptimizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new OptimizeOptions();
        if (options.RewriteRatio is < 0 or > 1 || double.IsNaN(options.RewriteRatio))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The rewrite ratio must be between 0 and 1, got {options.RewriteRatio}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        for (int attempt = 1; ; attempt++)
        {
            OptimizePlan plan = await OptimizePlan.CreateAsync(table, options.Mode, cancellationToken).ConfigureAwait(false);
            if (plan.Partitions.Count == 0)
            {
                return new OptimizeResult
                {
                    ChangeSnapshotId = plan.ChangeSnapshot?.SnapshotId,
                    Attempts = attempt,
                    OptimizedPoints = plan.Optimized.Points,
                };
            }

            var outputs = new List<MergeResult>();
            bool committing = false;
            try
            {
                string operationId = Guid.NewGuid().ToString();
                foreach (PartitionWork work in plan.Partitions)
                {
                    outputs.Add(await PartitionMerger.RunAsync(table.BaseTable.Operations.Io, Work(table, plan, work, options, operationId), cancellationToken).ConfigureAwait(false));
                }

                OptimizedSequence points = plan.Optimized.With(plan.Partitions.Zip(outputs).Select(p => KeyValuePair.Create(p.First.Path, p.Second.MaxTransaction)));
                committing = true;
                long snapshotId = await MergeCommit.CommitAsync(table.BaseTable, plan.BaseSnapshot?.SnapshotId, outputs, points, null, cancellationToken).ConfigureAwait(false);
                return Summarize(plan, outputs, points, snapshotId, attempt);
            }
            catch (ValidationException) when (attempt < options.MaxAttempts)
            {
                await DeleteWrittenAsync(table, outputs).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A commit that failed for another reason than a conflict may have landed: its files must stay.
                if (!committing || e is FloeException { Kind: FloeErrorKind.CommitConflict })
                {
                    await DeleteWrittenAsync(table, outputs).ConfigureAwait(false);
                }

                throw;
            }
        }
    }

    private static OptimizeResult Summarize(OptimizePlan plan, List<MergeResult> outputs, OptimizedSequence points, long snapshotId, int attempts) => new()
    {
        BaseSnapshotId = snapshotId,
        ChangeSnapshotId = plan.ChangeSnapshot?.SnapshotId,
        Partitions = outputs.Count,
        ChangeRows = outputs.Sum(o => o.ChangeRows),
        NewBaseFiles = outputs.Sum(o => o.NewFiles.Count),
        NewBaseRows = outputs.Sum(o => o.NewRows),
        PositionDeleteFiles = outputs.Sum(o => o.PositionDeletes.Count),
        DeletedBaseRows = outputs.Sum(o => o.DeletedRows),
        RewrittenBaseFiles = outputs.Sum(o => o.RewrittenFiles.Count),
        RemovedDeleteFiles = outputs.Sum(o => o.RemovedDeletes.Count),
        InputBytes = outputs.Sum(o => o.InputBytes),
        Attempts = attempts,
        OptimizedPoints = points.Points,
    };

    /// <summary>The plain-data form of one partition's work.</summary>
    private static MergeWork Work(PrimaryKeyTable table, OptimizePlan plan, PartitionWork work, OptimizeOptions options, string operationId)
    {
        int baseBuckets = PrimaryKeyTableProperties.Buckets(plan.Base, PrimaryKeyProperties.BaseHashBucket);
        return new()
        {
            Schema = plan.Base.CurrentSchema,
            Spec = plan.Base.DefaultSpec,
            Properties = plan.Base.Properties,
            DataPath = TableFolders.Data(plan.Base.Location, plan.Base.Properties),
            KeyFieldIds = table.PrimaryKey.FieldIds,
            BaseBuckets = baseBuckets,
            Partition = work.Partition,
            PartitionOrdinal = work.Ordinal,
            OptimizedPoint = work.OptimizedPoint,
            BaseFiles = [.. work.BaseFiles.Select(f => new MergeFile(f.File, f.DataSequenceNumber, f.Deletes))],
            ChangeFiles = [.. work.ChangeFiles.Select(f => new MergeFile(f.File, f.DataSequenceNumber, f.Deletes))],
            Mode = options.Mode,
            RewriteRatio = options.RewriteRatio,
            RewriteAlways = options.Mode == OptimizeMode.Minor && options.MergeFragments
                ? MinorFragments.ToRewrite(NodeGroups.Of(work.BaseFiles, work.ChangeFiles), work.BaseFiles, MinorFragments.SizeOf(plan.Base), baseBuckets)
                : new HashSet<string>(StringComparer.Ordinal),
            OperationId = operationId,
        };
    }

    private static async Task DeleteWrittenAsync(PrimaryKeyTable table, List<MergeResult> outputs)
    {
        foreach (string path in outputs.SelectMany(o => o.WrittenPaths))
        {
            await table.BaseTable.Operations.Io.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
