namespace Floe.Common.Columnar;

/// <summary>A named column: its type, whether it may hold nulls, and the Iceberg field id when it has one.</summary>
public sealed record ColumnField(string Name, ColumnType Type, bool Nullable = true, int? FieldId = null)
{
    public override string ToString() =>
        $"{Name}{(FieldId is int id ? $"#{id}" : string.Empty)}: {Type}{(Nullable ? string.Empty : " not null")}";
}
