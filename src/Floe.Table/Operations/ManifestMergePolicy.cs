using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Table.Operations;

/// <summary>
/// When and how an append merges manifests: a group of manifests (same spec and content) with at least
/// <c>commit.manifest.min-count-to-merge</c> members is packed, in order, into bins of up to
/// <c>commit.manifest.target-size-bytes</c>; every bin with more than one manifest becomes one manifest.
/// </summary>
internal sealed record ManifestMergePolicy(bool Enabled, long TargetSizeBytes, int MinCountToMerge)
{
    public static ManifestMergePolicy From(TableMetadata metadata)
    {
        var settings = metadata.Settings;
        return new ManifestMergePolicy(
            settings.Get(ManifestProperties.MergeEnabled), settings.Get(ManifestProperties.TargetSizeBytes), settings.Get(ManifestProperties.MinCountToMerge));
    }

    /// <summary>The bins to write: single-member bins are kept as they are.</summary>
    public List<List<ManifestFile>> Plan(List<ManifestFile> group)
    {
        if (group.Count < MinCountToMerge)
        {
            return [.. group.Select(m => new List<ManifestFile> { m })];
        }

        var bins = new List<List<ManifestFile>>();
        var bin = new List<ManifestFile>();
        long size = 0;
        foreach (var manifest in group)
        {
            if (bin.Count > 0 && size + manifest.Length > TargetSizeBytes)
            {
                bins.Add(bin);
                bin = [];
                size = 0;
            }

            bin.Add(manifest);
            size += manifest.Length;
        }

        if (bin.Count > 0)
        {
            bins.Add(bin);
        }

        return bins;
    }
}
