using Floe.Core.Metadata;
using Floe.Core.Properties;

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

/// <summary>Row-level modes and isolation from the properties declared in <see cref="RowLevelWriteProperties"/>.</summary>
public static class RowLevelProperties
{
    public static RowLevelMode Mode(TableMetadata metadata, ChoiceProperty property)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Settings.Get(property) == RowLevelWriteProperties.CopyOnWrite ? RowLevelMode.CopyOnWrite : RowLevelMode.MergeOnRead;
    }

    public static RowLevelIsolation Isolation(TableMetadata metadata, ChoiceProperty property)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Settings.Get(property) == RowLevelWriteProperties.Snapshot ? RowLevelIsolation.Snapshot : RowLevelIsolation.Serializable;
    }

    /// <summary>Text of a mode as the properties spell it.</summary>
    public static string Name(RowLevelMode mode) => mode == RowLevelMode.MergeOnRead ? RowLevelWriteProperties.MergeOnRead : RowLevelWriteProperties.CopyOnWrite;
}
