namespace Floe.Core.Properties;

/// <summary>Where metadata files go and how many are kept (Iceberg's <c>write.metadata.*</c> names and defaults).</summary>
public static class MetadataProperties
{
    public const string Group = "Metadata files";

    public static readonly TextProperty MetadataPath = new(
        "write.metadata.path", null, Group,
        "Folder for metadata files and manifests; `<location>/metadata` when unset. Must lie under the table location.", nonEmpty: true, what: "path");

    public static readonly IntProperty PreviousVersionsMax = new(
        "write.metadata.previous-versions-max", 100, Group, "Most earlier metadata files listed in the metadata log.", min: 1);

    public static readonly BoolProperty DeleteAfterCommit = new(
        "write.metadata.delete-after-commit.enabled", false, Group, "Whether a commit deletes the metadata files that fell out of the metadata log.");
}
