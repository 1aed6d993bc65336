namespace Floe.Mixed.ChangeData;

/// <summary>Change-data reads of a primary-key table.</summary>
public static class MixedTableChangeData
{
    /// <summary>A change-data read of the table (from the beginning to the current change snapshot unless narrowed).</summary>
    public static ChangeDataScan NewChangeDataScan(this MixedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ChangeDataScan(table);
    }
}
