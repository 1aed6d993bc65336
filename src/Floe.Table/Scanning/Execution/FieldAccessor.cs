using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Reaches a field of a batch by its Iceberg id: the top-level column and the struct children down to it. A value is
/// null when it or any enclosing struct is null.
/// </summary>
internal sealed class FieldAccessor
{
    private readonly int[] _path;

    private FieldAccessor(int fieldId, PrimitiveType type, int[] path)
    {
        FieldId = fieldId;
        Type = type;
        _path = path;
    }

    public int FieldId { get; }

    public PrimitiveType Type { get; }

    /// <summary>The index of the top-level column that holds the field.</summary>
    public int TopLevelIndex => _path[0];

    /// <summary>Finds a primitive field reachable through structs only.</summary>
    public static FieldAccessor Create(Schema schema, int fieldId)
    {
        var path = new List<int>();
        IcebergType? found = Find(schema.AsStruct, fieldId, path);
        if (found is not PrimitiveType primitive)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Field id {fieldId} is not a primitive field reachable through structs of schema {schema.SchemaId}; it cannot be filtered or matched by equality.");
        }

        return new FieldAccessor(fieldId, primitive, [.. path]);
    }

    /// <summary>The vectors from the top-level column down to the field, for one batch.</summary>
    public ColumnVector[] Resolve(ColumnBatch batch)
    {
        var chain = new ColumnVector[_path.Length];
        ColumnVector current = batch.Column(_path[0]);
        chain[0] = current;
        for (int i = 1; i < _path.Length; i++)
        {
            current = ((StructVector)current).Child(_path[i]);
            chain[i] = current;
        }

        return chain;
    }

    /// <summary>Whether the value at <paramref name="row"/> is null, counting null enclosing structs.</summary>
    public static bool IsNull(ColumnVector[] chain, int row)
    {
        foreach (ColumnVector vector in chain)
        {
            if (vector.IsNull(row))
            {
                return true;
            }
        }

        return false;
    }

    private static IcebergType? Find(StructType type, int fieldId, List<int> path)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            NestedField field = type.Fields[i];
            path.Add(i);
            if (field.Id == fieldId)
            {
                return field.Type;
            }

            if (field.Type is StructType nested && Find(nested, fieldId, path) is { } found)
            {
                return found;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }
}
