using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>
/// Assigns new field ids the way table creation does: all fields of a struct take consecutive ids before any of
/// their children; a list element, then a map's key and value, take ids before their own children.
/// </summary>
public static class FreshIds
{
    /// <summary>
    /// A copy of <paramref name="schema"/> with fresh ids from <paramref name="nextId"/>; identifier fields keep
    /// pointing at the same columns.
    /// </summary>
    public static Schema Assign(Schema schema, Func<int> nextId, int? schemaId = null)
    {
        var fresh = (StructType)Assign(schema.AsStruct, nextId);
        var freshIndex = new Schema(fresh);
        var identifiers = schema.IdentifierFieldIds.Select(id => freshIndex.FindField(schema.FindColumnName(id)!)!.Id);
        return new Schema(fresh, schemaId ?? schema.SchemaId, identifiers);
    }

    /// <summary>A copy of <paramref name="type"/> whose nested fields have fresh ids from <paramref name="nextId"/>.</summary>
    public static IcebergType Assign(IcebergType type, Func<int> nextId)
    {
        switch (type)
        {
            case StructType s:
                var ids = new int[s.Fields.Count];
                for (int i = 0; i < ids.Length; i++)
                {
                    ids[i] = nextId();
                }

                var fields = new NestedField[ids.Length];
                for (int i = 0; i < ids.Length; i++)
                {
                    var old = s.Fields[i];
                    fields[i] = new NestedField(ids[i], old.Name, old.IsRequired, Assign(old.Type, nextId), old.Doc,
                        old.InitialDefault, old.WriteDefault);
                }

                return new StructType(fields);
            case ListType l:
                int elementId = nextId();
                return new ListType(elementId, Assign(l.ElementType, nextId), l.IsElementRequired);
            case MapType m:
                int keyId = nextId();
                int valueId = nextId();
                var key = Assign(m.KeyType, nextId);
                return new MapType(keyId, key, valueId, Assign(m.ValueType, nextId), m.IsValueRequired);
            default:
                return type;
        }
    }

    /// <summary>Assigns ids counting up from <paramref name="lastAssignedId"/> and returns the new highest id through it.</summary>
    public static Schema Assign(Schema schema, ref int lastAssignedId, int? schemaId = null)
    {
        int last = lastAssignedId;
        var result = Assign(schema, () => ++last, schemaId);
        lastAssignedId = last;
        return result;
    }
}
