using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>
/// Column pruning: the part of a schema that holds some fields. A selected field keeps everything inside it; the
/// structs, lists and maps around it are kept with only the selected parts (a map keeps its whole key).
/// </summary>
public static class SchemaProjection
{
    /// <summary>The columns named (dotted names), with the structs around them.</summary>
    /// <exception cref="FloeException">A name does not exist (kind InvalidArgument).</exception>
    public static Schema Select(Schema schema, IEnumerable<string> names, bool caseSensitive = true)
    {
        var ids = new List<int>();
        foreach (string name in names)
        {
            ids.Add(schema.FindField(name, caseSensitive)?.Id
                ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot select column '{name}': no such column in schema {schema.SchemaId}."));
        }

        return Project(schema, ids);
    }

    /// <summary>The fields with these ids, with the structs around them.</summary>
    public static Schema Project(Schema schema, IEnumerable<int> fieldIds)
    {
        var selected = new HashSet<int>();
        foreach (int id in fieldIds)
        {
            var field = schema.FindField(id)
                ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot select field id {id}: not in schema {schema.SchemaId}.");
            AddWithDescendants(field, selected);
        }

        var columns = PruneFields(schema.AsStruct.Fields, selected);
        var kept = new Schema(columns);
        return new Schema(columns, schema.SchemaId, schema.IdentifierFieldIds.Where(id => kept.FindField(id) is not null));
    }

    private static void AddWithDescendants(NestedField field, HashSet<int> selected)
    {
        selected.Add(field.Id);
        foreach (var child in field.Type.ChildFields)
        {
            AddWithDescendants(child, selected);
        }
    }

    private static List<NestedField> PruneFields(IEnumerable<NestedField> fields, HashSet<int> selected)
    {
        var result = new List<NestedField>();
        foreach (var field in fields)
        {
            var type = Prune(field, selected);
            if (type is not null)
            {
                result.Add(field.WithType(type));
            }
        }

        return result;
    }

    /// <summary>The pruned type of a field, or null when nothing in it is selected.</summary>
    private static IcebergType? Prune(NestedField field, HashSet<int> selected)
    {
        if (selected.Contains(field.Id))
        {
            return field.Type;
        }

        switch (field.Type)
        {
            case StructType s:
                var children = PruneFields(s.Fields, selected);
                return children.Count == 0 ? null : new StructType(children);
            case ListType l:
                var element = Prune(l.ElementField, selected);
                return element is null ? null : new ListType(l.ElementId, element, l.IsElementRequired);
            case MapType m:
                var value = Prune(m.ValueField, selected);
                bool keySelected = Prune(m.KeyField, selected) is not null;
                if (value is null && !keySelected)
                {
                    return null;
                }

                return new MapType(m.KeyId, m.KeyType, m.ValueId, value ?? m.ValueType, m.IsValueRequired);
            default:
                return null;
        }
    }
}
