namespace Floe.PrimaryKeys.ChangeData;

/// <summary>Change-data reads of a primary-key table.</summary>
public static class PrimaryKeyTableChangeData
{
    /// <summary>A change-data read of the table (from the beginning to the current change snapshot unless narrowed).</summary>
    public static ChangeDataScan NewChangeDataScan(this PrimaryKeyTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new ChangeDataScan(table);
    }
}
