namespace Floe.Core.Properties;

/// <summary>How commits merge small manifests (Iceberg's <c>commit.manifest*</c> names and defaults).</summary>
public static class ManifestProperties
{
    public static readonly BoolProperty MergeEnabled = new(
        "commit.manifest-merge.enabled", true, CommitRetryProperties.Group, "Whether appends merge small manifests into bigger ones.");

    public static readonly LongProperty TargetSizeBytes = new(
        "commit.manifest.target-size-bytes", 8L * 1024 * 1024, CommitRetryProperties.Group, "Target size of a merged manifest.", min: 1, unit: "bytes");

    public static readonly IntProperty MinCountToMerge = new(
        "commit.manifest.min-count-to-merge", 100, CommitRetryProperties.Group, "Fewest manifests in a group before they are merged.", min: 1);
}
