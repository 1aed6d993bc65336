using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Computes the partition tuple of each row of a batch through the spec's transforms. Source columns may sit
/// inside structs (a null struct gives a null source value). Runs of rows with the same source values share one
/// tuple, so clustered input costs a comparison per row rather than a transform.
/// </summary>
public sealed class PartitionKeys
{
    private readonly PartitionSpec _spec;
    private readonly int[][] _paths;
    private readonly PrimitiveType[] _types;

    public PartitionKeys(Schema schema, PartitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _paths = new int[spec.Fields.Count][];
        _types = new PrimitiveType[spec.Fields.Count];
        for (int i = 0; i < spec.Fields.Count; i++)
        {
            PartitionField field = spec.Fields[i];
            _paths[i] = PathTo(schema.AsStruct, field.SourceId)
                ?? throw new FloeException(
                    FloeErrorKind.InvalidArgument,
                    $"partition field '{field.Name}' reads column {field.SourceId}, which is not a primitive outside lists and maps of the schema");
            _types[i] = (PrimitiveType)schema.FindType(field.SourceId)!;
        }
    }

    /// <summary>
    /// Fills <paramref name="groupOfRow"/> with an index into <paramref name="partitions"/> for every row,
    /// adding tuples not seen before to the list.
    /// </summary>
    public void Assign(ColumnBatch batch, Span<int> groupOfRow, List<PartitionData> partitions, Dictionary<PartitionData, int> indexOf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int rows = batch.RowCount;
        if (groupOfRow.Length < rows)
        {
            throw new ArgumentException("one slot per row is needed", nameof(groupOfRow));
        }

        var sources = new ColumnVector[_paths.Length];
        for (int f = 0; f < _paths.Length; f++)
        {
            sources[f] = Resolve(batch, _paths[f]);
        }

        var values = new Literal[_paths.Length];
        for (int row = 0; row < rows; row++)
        {
            if (row > 0 && SameSources(sources, batch, row))
            {
                groupOfRow[row] = groupOfRow[row - 1];
                continue;
            }

            for (int f = 0; f < _paths.Length; f++)
            {
                Literal source = IsNullAlongPath(batch, _paths[f], row) ? Literal.Null : VectorLiteral.At(sources[f], row, _types[f]);
                values[f] = _spec.Fields[f].Transform.Apply(source);
            }

            var key = PartitionData.Of(values);
            if (!indexOf.TryGetValue(key, out int index))
            {
                index = partitions.Count;
                partitions.Add(key);
                indexOf.Add(key, index);
            }

            groupOfRow[row] = index;
        }
    }

    private bool SameSources(ColumnVector[] sources, ColumnBatch batch, int row)
    {
        for (int f = 0; f < sources.Length; f++)
        {
            if (!VectorLiteral.SameValue(sources[f], row - 1, row)
                || IsNullAlongPath(batch, _paths[f], row - 1) != IsNullAlongPath(batch, _paths[f], row))
            {
                return false;
            }
        }

        return true;
    }

    private static ColumnVector Resolve(ColumnBatch batch, int[] path)
    {
        ColumnVector vector = batch.Column(path[0]);
        for (int i = 1; i < path.Length; i++)
        {
            vector = ((StructVector)vector).Child(path[i]);
        }

        return vector;
    }

    private static bool IsNullAlongPath(ColumnBatch batch, int[] path, int row)
    {
        if (path.Length == 1)
        {
            return false; // the leaf's own nulls are read with its value
        }

        ColumnVector vector = batch.Column(path[0]);
        for (int i = 1; i < path.Length; i++)
        {
            if (vector.IsNull(row))
            {
                return true;
            }

            vector = ((StructVector)vector).Child(path[i]);
        }

        return false;
    }

    private static int[]? PathTo(StructType type, int id)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            NestedField field = type.Fields[i];
            if (field.Id == id)
            {
                return field.Type.IsPrimitive ? [i] : null;
            }

            if (field.Type is StructType nested && PathTo(nested, id) is int[] rest)
            {
                return [i, .. rest];
            }
        }

        return null;
    }
}
