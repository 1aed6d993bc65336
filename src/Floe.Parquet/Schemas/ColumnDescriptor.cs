using Floe.Common.Columnar;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Schemas;

/// <summary>
/// A leaf column: its path, levels, physical type and the <see cref="ColumnType"/> its values are read into.
/// </summary>
public sealed class ColumnDescriptor
{
    internal ColumnDescriptor(int index, SchemaNode node, ColumnType type, ValueConversion conversion)
    {
        Index = index;
        Node = node;
        Type = type;
        Conversion = conversion;
        PhysicalType = node.PhysicalType ?? throw new ParquetException($"Parquet schema: leaf column '{node}' has no physical type.");
        TypeLength = node.Element.TypeLength ?? 0;
        DottedPath = string.Join('.', node.Path);
    }

    /// <summary>Position among the leaf columns (the index of its chunk in every row group).</summary>
    public int Index { get; }

    public SchemaNode Node { get; }

    public IReadOnlyList<string> Path => Node.Path;

    /// <summary>The path joined with dots, as in <c>ColumnMetaData.path_in_schema</c>.</summary>
    public string DottedPath { get; }

    public int MaxDefinitionLevel => Node.DefinitionLevel;

    public int MaxRepetitionLevel => Node.RepetitionLevel;

    public PhysicalType PhysicalType { get; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY values; 0 otherwise.</summary>
    public int TypeLength { get; }

    /// <summary>The columnar type the leaf's values are read into.</summary>
    public ColumnType Type { get; }

    /// <summary>How physical values are converted to <see cref="Type"/>.</summary>
    public ValueConversion Conversion { get; }

    public LogicalType? LogicalType => Node.LogicalType;

    public ConvertedType? ConvertedType => Node.ConvertedType;

    public int? FieldId => Node.FieldId;

    public override string ToString() => $"{DottedPath} ({PhysicalType}, def {MaxDefinitionLevel}, rep {MaxRepetitionLevel}) -> {Type}";
}
