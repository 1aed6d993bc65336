using Floe.Core.Manifests;

namespace Floe.Optimizing.Planning;

/// <summary>The live data files of one partition chosen for planning, each with its sequence number and deletes.</summary>
internal sealed class PartitionFiles
{
    public List<(TaskFile File, IReadOnlyList<DeleteFile> Deletes)> DataFiles { get; } = [];
}
