using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>
/// Decides from a partition tuple alone whether a data file may hold rows matching a row filter (the inclusive
/// projection evaluated on the partition values), for pruning manifests entries.
/// </summary>
public sealed class PartitionFilter
{
    private readonly Evaluator _evaluator;
    private readonly Dictionary<int, int> _positionById = [];
    private readonly TypeId[] _types;

    public PartitionFilter(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var partitionType = spec.PartitionType(schema);
        var partitionSchema = new Schema(partitionType);
        _types = [.. partitionType.Fields.Select(f => f.Type.TypeId)];
        for (int i = 0; i < spec.Fields.Count; i++)
        {
            _positionById[spec.Fields[i].FieldId] = i;
        }

        Projection = Projections.Inclusive(spec, schema, rowFilter, caseSensitive);
        _evaluator = new Evaluator(partitionSchema, Projection, caseSensitive: true);
    }

    /// <summary>The projected filter on partition field names.</summary>
    public Expression Projection { get; }

    public bool MightMatch(PartitionData partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return _evaluator.Eval(id =>
        {
            int position = _positionById[id];
            return Normalize(partition[position], _types[position]);
        });
    }

    /// <summary>
    /// Partition values written by other engines may use a narrower type than the spec's result type: day values as
    /// int days, values of promoted columns as int or float.
    /// </summary>
    private static Literal Normalize(Literal value, TypeId expected)
    {
        if (value.IsNull || value.TypeId == expected)
        {
            return value;
        }

        return (value.TypeId, expected) switch
        {
            (TypeId.Int, TypeId.Date) => Literal.OfDate(value.AsInt()),
            (TypeId.Int, TypeId.Long) => Literal.Of(value.AsLong()),
            (TypeId.Float, TypeId.Double) => Literal.Of(value.AsDouble()),
            _ => value,
        };
    }
}
