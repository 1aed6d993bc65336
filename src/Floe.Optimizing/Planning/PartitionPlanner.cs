using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;

namespace Floe.Optimizing.Planning;

/// <summary>
/// Splits one partition into tasks. Fragments (and, for major, segments with many deleted rows) are rewritten;
/// undersized segments are merged by major optimizing in bins of their own, a bin of one dropped; segments with
/// equality deletes or several position delete files get a new position delete file (rewrite-pos); full optimizing
/// rewrites every file (or, without <c>full.rewrite-all-files</c>, those with deletes and the small ones). Bins hold
/// up to <c>max(target-size, max-task-size-bytes)</c>. A delete file is removed ("rewritten") only when every data
/// file it applies to is in the plan and it is not a global equality delete; otherwise the tasks only read it.
/// </summary>
internal sealed class PartitionPlanner(OptimizingConfig config, TaskTable table, PartitionData partition, OptimizingType type, Func<string, long> deleteSequenceNumber)
{
    public List<RewriteTask> Plan(PartitionFiles files, long processId, ref int nextTaskId)
    {
        var rewrite = new List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)>();
        var undersized = new List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)>();
        var rewritePos = new List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)>();
        var untouched = new List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)>();
        foreach (var item in files.DataFiles)
        {
            Classify(item, rewrite, undersized, rewritePos, untouched);
        }

        var bins = new List<(List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> Rewrite, List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> Pos)>();
        foreach (var bin in BinPacking.Pack(rewrite, f => f.File.File.FileSizeInBytes, config.TaskCapacity))
        {
            // Rewriting one file without deletes alone gains nothing, except when full optimizing rewrites everything.
            if (bin.Count > 1 || bin[0].Deletes.Count > 0 || type == OptimizingType.Full)
            {
                bins.Add((bin, []));
            }
        }

        foreach (var bin in BinPacking.Pack(undersized, f => f.File.File.FileSizeInBytes, config.TaskCapacity))
        {
            if (bin.Count > 1)
            {
                bins.Add((bin, []));
            }
            else if (bin[0].Deletes.Count > 0 && FileRules.SegmentNeedsRewritePos(bin[0].File.AsData, bin[0].Deletes))
            {
                rewritePos.Add(bin[0]);
            }
            else
            {
                untouched.Add(bin[0]);
            }
        }

        foreach (var bin in BinPacking.Pack(rewritePos, f => f.File.File.FileSizeInBytes, config.TaskCapacity))
        {
            bins.Add(([], bin));
        }

        // Deletes still needed by a data file the plan leaves alone stay in the table.
        var stillNeeded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, deletes) in untouched)
        {
            foreach (DeleteFile delete in deletes)
            {
                stillNeeded.Add(delete.FilePath);
            }
        }

        var tasks = new List<RewriteTask>();
        foreach (var (rewriteBin, posBin) in bins)
        {
            var readOnly = new List<TaskFile>();
            var rewritten = new List<TaskFile>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, deletes) in rewriteBin.Concat(posBin))
            {
                foreach (DeleteFile delete in deletes)
                {
                    if (!seen.Add(delete.FilePath))
                    {
                        continue;
                    }

                    var taskFile = new TaskFile(delete, deleteSequenceNumber(delete.FilePath));
                    bool global = delete.Content == FileContent.EqualityDeletes && (delete.SpecId != table.Spec.SpecId || !delete.Partition.Equals(partition));
                    (global || stillNeeded.Contains(delete.FilePath) ? readOnly : rewritten).Add(taskFile);
                }
            }

            tasks.Add(new RewriteTask
            {
                ProcessId = processId,
                TaskId = nextTaskId++,
                Type = type,
                Table = table,
                Partition = partition,
                TargetSize = config.TargetSize,
                RewrittenDataFiles = [.. rewriteBin.Select(f => f.File)],
                RewritePosDataFiles = [.. posBin.Select(f => f.File)],
                ReadOnlyDeleteFiles = readOnly,
                RewrittenDeleteFiles = rewritten,
            });
        }

        return tasks;
    }

    private void Classify(
        (TaskFile File, IReadOnlyList<DeleteFile> Deletes) item,
        List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> rewrite,
        List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> undersized,
        List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> rewritePos,
        List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> untouched)
    {
        DataFile file = item.File.AsData;
        IReadOnlyList<DeleteFile> deletes = item.Deletes;
        DataFileClass size = FileRules.Classify(file.FileSizeInBytes, config);
        if (type == OptimizingType.Full)
        {
            bool rewriteIt = config.FullRewriteAllFiles || deletes.Count > 0 || size != DataFileClass.Segment;
            (rewriteIt ? rewrite : untouched).Add(item);
            return;
        }

        if (size == DataFileClass.Fragment)
        {
            rewrite.Add(item);
            return;
        }

        if (type == OptimizingType.Major && deletes.Count > 0 && FileRules.SegmentNeedsRewrite(file, deletes, config))
        {
            rewrite.Add(item);
            return;
        }

        if (type == OptimizingType.Major && size == DataFileClass.UndersizedSegment)
        {
            undersized.Add(item);
            return;
        }

        if (deletes.Count > 0 && FileRules.SegmentNeedsRewritePos(file, deletes))
        {
            rewritePos.Add(item);
            return;
        }

        untouched.Add(item);
    }
}
