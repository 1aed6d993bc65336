namespace Floe.Core.Metadata;

/// <summary>
/// The properties that control create and update requests rather than being stored; the stored properties Floe
/// reads are declared in <see cref="Properties.TablePropertyRegistry"/>.
/// </summary>
public static class TableProperties
{
    public const string FormatVersion = "format-version";

    /// <summary>Properties that control create and update requests and are never stored.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "format-version", "uuid", "snapshot-count", "current-snapshot-id", "current-snapshot-summary",
        "current-snapshot-timestamp-ms", "current-schema", "default-partition-spec", "default-sort-order",
    };
}
