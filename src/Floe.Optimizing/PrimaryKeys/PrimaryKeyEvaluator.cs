using System.Globalization;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.PrimaryKeys;

/// <summary>
/// Evaluates a primary-key table with Amoro's keyed rules per partition (<see cref="PrimaryKeyPartitionEvaluation"/>):
/// pending change files after the optimized point, base fragments and position deletes.
/// </summary>
internal static class PrimaryKeyEvaluator
{
    /// <summary>The pending partitions, heaviest first, and the table's evaluation.</summary>
    public static (TableEvaluation Evaluation, List<(PrimaryKeyPartitionEvaluation Partition, OptimizingType Type, string Reason)> Pending) Evaluate(
        PrimaryKeyTableFiles files, int baseBuckets, OptimizingConfig config, OptimizingTimes times)
    {
        var partitions = files.Partitions.Select(p => new PrimaryKeyPartitionEvaluation(p, config)).ToList();
        var pending = new List<(PrimaryKeyPartitionEvaluation Partition, OptimizingType Type, string Reason)>();
        if (config.Enabled)
        {
            foreach (PrimaryKeyPartitionEvaluation partition in partitions)
            {
                if (partition.Decide(baseBuckets, config, times, out string reason) is OptimizingType type)
                {
                    pending.Add((partition, type, reason));
                }
            }
        }

        pending.Sort((a, b) => b.Partition.Files.InputBytes.CompareTo(a.Partition.Files.InputBytes));
        OptimizingType? tableType = pending.Count == 0 ? null : pending.Max(p => p.Type);
        string reasonText = "";
        if (tableType is OptimizingType t)
        {
            var first = pending[0];
            string where = first.Partition.Files.Path.Length == 0 ? first.Reason : $"{first.Partition.Files.Path}: {first.Reason}";
            reasonText = string.Create(CultureInfo.InvariantCulture, $"{(t == OptimizingType.Full ? "full" : "minor")} optimizing of {pending.Count} partition(s); {where}");
        }

        var chosen = pending.Select(p => p.Partition).ToList();
        var evaluation = new TableEvaluation
        {
            SnapshotId = files.ChangeSnapshot?.SnapshotId,
            SequenceNumber = files.ChangeSnapshot?.SequenceNumber ?? 0,
            Type = tableType,
            Reason = reasonText,
            Pending = new PendingInput
            {
                PartitionCount = chosen.Count,
                DataFileCount = chosen.Sum(p => p.BaseFiles + p.ChangeFiles),
                DataFileBytes = chosen.Sum(p => p.BaseBytes + p.ChangeBytes),
                DataRecords = chosen.Sum(p => p.BaseRecords + p.ChangeRecords),
                FragmentCount = chosen.Sum(p => p.SmallFiles),
                SegmentCount = chosen.Sum(p => p.BaseFiles - p.Fragments),
                PositionDeleteFileCount = chosen.Sum(p => p.PositionDeleteFiles),
                PositionDeleteBytes = chosen.Sum(p => p.Files.DeleteFiles.Sum(d => d.FileSizeInBytes)),
                PositionDeleteRecords = chosen.Sum(p => p.PositionDeleteRecords),
                EqualityDeleteRecords = chosen.Sum(p => p.ChangeDeleteRecords),
                HealthScore = chosen.Count == 0 ? 100 : chosen.Min(p => p.HealthScore(config)),
                Weight = chosen.Sum(p => p.Files.InputBytes),
            },
            PendingPartitionCount = pending.Count,
            PartitionCount = partitions.Count,
            DataFileCount = partitions.Sum(p => p.BaseFiles + p.ChangeFiles),
            DeleteFileCount = partitions.Sum(p => p.PositionDeleteFiles),
            HealthScore = HealthScores.Score(
                partitions.Sum(p => p.BaseFiles + p.ChangeFiles),
                partitions.Sum(p => p.BaseBytes + p.ChangeBytes),
                partitions.Sum(p => p.BaseRecords + p.ChangeRecords),
                partitions.Sum(p => p.ChangeDeleteRecords),
                partitions.Sum(p => p.PositionDeleteRecords),
                config),
        };
        return (evaluation, pending);
    }
}
