using Floe.Table.Operations;

namespace Floe.Table.Scanning;

/// <summary>Scans of an <see cref="IcebergTable"/> through its file IO.</summary>
public static class TableScans
{
    /// <summary>A scan of the table's current metadata.</summary>
    public static TableScan NewScan(this IcebergTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TableScan(table.Metadata, table.Operations.Io);
    }

    /// <summary>A scan of the rows appended to the table between two snapshots.</summary>
    public static IncrementalAppendScan NewIncrementalAppendScan(this IcebergTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new IncrementalAppendScan(table.Metadata, table.Operations.Io);
    }
}
