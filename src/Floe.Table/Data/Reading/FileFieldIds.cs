using Floe.Common.Columnar;
using Floe.Core.Mapping;

namespace Floe.Table.Data.Reading;

/// <summary>
/// The field ids of a file's columns: the ids the file carries, or for files written without ids (by non-Iceberg
/// writers), the ids a name mapping gives each column path. A column the mapping does not know has no id and is
/// never read.
/// </summary>
internal static class FileFieldIds
{
    /// <summary>True when every top-level column of the file carries a field id.</summary>
    public static bool HasIds(IReadOnlyList<ColumnField> fields) => fields.Count > 0 && fields.All(f => f.FieldId is not null);

    /// <summary>The file's columns with ids from <paramref name="mapping"/> (replacing whatever ids they had).</summary>
    public static IReadOnlyList<ColumnField> Apply(IReadOnlyList<ColumnField> fields, NameMapping mapping) =>
        [.. fields.Select(field => Apply(field, mapping.Fields))];

    private static ColumnField Apply(ColumnField field, IReadOnlyList<MappedField> level)
    {
        MappedField? mapped = level.FirstOrDefault(m => m.Names.Contains(field.Name, StringComparer.Ordinal));
        IReadOnlyList<MappedField> children = mapped?.Fields ?? [];
        ColumnType type = field.Type.Kind switch
        {
            ColumnKind.Struct => ColumnType.Struct([.. field.Type.Children.Select(child => Apply(child, children))]),
            ColumnKind.List => ColumnType.List(ApplyPositional(field.Type.Children[0], children, "element")),
            ColumnKind.Map => ColumnType.Map(
                ApplyPositional(field.Type.Children[0], children, "key"),
                ApplyPositional(field.Type.Children[1], children, "value")),
            _ => field.Type,
        };
        return field with { Type = type, FieldId = mapped?.FieldId };
    }

    // List elements and map keys/values are mapped by their role name, whatever the file calls them.
    private static ColumnField ApplyPositional(ColumnField child, IReadOnlyList<MappedField> level, string role) =>
        Apply(child with { Name = role }, level) with { Name = child.Name };
}
