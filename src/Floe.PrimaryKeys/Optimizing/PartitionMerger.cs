using Floe.Core.IO;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// Runs one <see cref="MergeWork"/> through a file IO, with no catalog: the newest change per key becomes
/// base rows, replaced base rows get position deletes or their file is rewritten. Nothing is committed; a failing run
/// deletes what it wrote before the error propagates.
/// </summary>
public static class PartitionMerger
{
    public static Task<MergeResult> RunAsync(IFileIO io, MergeWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(work);
        return new PartitionOptimizer(io, work).RunAsync(cancellationToken);
    }
}
