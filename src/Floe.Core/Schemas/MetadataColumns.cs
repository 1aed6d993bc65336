using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>
/// The reserved field ids above <see cref="ReservedIdStart"/>: metadata columns readers can project
/// (<c>_file</c>, <c>_pos</c>, ...) and the columns of position delete files.
/// </summary>
public static class MetadataColumns
{
    /// <summary>Field ids above this (Integer.MAX_VALUE - 200) are reserved and never assigned to table columns.</summary>
    public const int ReservedIdStart = int.MaxValue - 200;

    public static NestedField File { get; } = NestedField.Required(int.MaxValue - 1, "_file", PrimitiveType.String, "The data file that holds the row");

    public static NestedField RowPosition { get; } = NestedField.Required(int.MaxValue - 2, "_pos", PrimitiveType.Long, "The row's 0-based position in its data file");

    public static NestedField IsDeleted { get; } = NestedField.Required(int.MaxValue - 3, "_deleted", PrimitiveType.Boolean, "True when a delete applies to the row");

    public static NestedField SpecId { get; } = NestedField.Required(int.MaxValue - 4, "_spec_id", PrimitiveType.Int, "Partition spec id of the row's data file");

    /// <summary>Id of the <c>_partition</c> struct column (its type depends on the table's specs).</summary>
    public const int PartitionColumnId = int.MaxValue - 5;

    public static NestedField DeleteFilePath { get; } = NestedField.Required(int.MaxValue - 101, "file_path", PrimitiveType.String, "Data file of the deleted row");

    public static NestedField DeleteFilePosition { get; } = NestedField.Required(int.MaxValue - 102, "pos", PrimitiveType.Long, "0-based position of the deleted row in that file");

    /// <summary>Id of the optional <c>row</c> struct of position delete files.</summary>
    public const int DeleteFileRowId = int.MaxValue - 103;

    /// <summary>The schema of position delete files without the deleted row: file_path, pos.</summary>
    public static Schema PositionDeleteSchema { get; } = new([DeleteFilePath, DeleteFilePosition]);

    public static bool IsMetadataColumn(int fieldId) => fieldId > ReservedIdStart;

    /// <summary>A metadata column by name (<c>_file</c>, <c>_pos</c>, <c>_deleted</c>, <c>_spec_id</c>), or null.</summary>
    public static NestedField? ByName(string name) => name switch
    {
        "_file" => File,
        "_pos" => RowPosition,
        "_deleted" => IsDeleted,
        "_spec_id" => SpecId,
        _ => null,
    };
}
