using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.RowLevel;

/// <summary>How a row-level change handles data files of which only some rows change.</summary>
public enum RowLevelMode
{
    /// <summary>Position delete files mark the changed rows; the data files stay (cheap writes, costlier reads).</summary>
    MergeOnRead,

    /// <summary>The data files are rewritten without the changed rows (costly writes, reads as before).</summary>
    CopyOnWrite,
}

/// <summary>Which concurrent commits a row-level change tolerates.</summary>
public enum RowLevelIsolation
{
    /// <summary>Also fails when data files that may hold matching rows were added concurrently.</summary>
    Serializable,

    /// <summary>Fails only on concurrent changes to the rows read (deletes, removed files).</summary>
    Snapshot,
}

/// <summary>The table properties that choose row-level modes and isolation, read as Spark reads them.</summary>
public static class RowLevelProperties
{
    public const string DeleteMode = "write.delete.mode";
    public const string UpdateMode = "write.update.mode";
    public const string DeleteIsolationLevel = "write.delete.isolation-level";
    public const string UpdateIsolationLevel = "write.update.isolation-level";

    public static RowLevelMode Mode(TableMetadata metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Property(key)?.Trim().ToLowerInvariant() switch
        {
            null or "merge-on-read" => RowLevelMode.MergeOnRead,
            "copy-on-write" => RowLevelMode.CopyOnWrite,
            string other => throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Table property {key} is '{other}'; expected 'merge-on-read' or 'copy-on-write'."),
        };
    }

    public static RowLevelIsolation Isolation(TableMetadata metadata, string key)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Property(key)?.Trim().ToLowerInvariant() switch
        {
            null or "serializable" => RowLevelIsolation.Serializable,
            "snapshot" => RowLevelIsolation.Snapshot,
            string other => throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Table property {key} is '{other}'; expected 'serializable' or 'snapshot'."),
        };
    }

    /// <summary>Text of a mode as the properties spell it.</summary>
    public static string Name(RowLevelMode mode) => mode == RowLevelMode.MergeOnRead ? "merge-on-read" : "copy-on-write";
}
