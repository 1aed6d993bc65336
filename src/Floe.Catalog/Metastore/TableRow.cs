namespace Floe.Catalog.Metastore;

/// <summary>One row of the <c>tables</c> table: where a table is and which metadata files are current.</summary>
internal sealed record TableRow(
    TableFormat Format,
    string Location,
    string MetadataLocation,
    string? ChangeMetadataLocation)
{
    public string? Pointer(TableStore store) => store == TableStore.Base ? MetadataLocation : ChangeMetadataLocation;

    public static string FormatText(TableFormat format) => format == TableFormat.PrimaryKey ? "mixed" : "iceberg";

    public static TableFormat ParseFormat(string text, string where) => text switch
    {
        "iceberg" => TableFormat.Iceberg,
        "mixed" => TableFormat.PrimaryKey,
        _ => throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.InvalidData, $"Table {where} has unknown format '{text}' in the metastore."),
    };

    /// <summary>The column holding a store's pointer.</summary>
    public static string PointerColumn(TableStore store) => store == TableStore.Base ? "metadata_location" : "change_metadata_location";
}
