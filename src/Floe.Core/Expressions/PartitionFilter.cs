using Floe.Core.Partitioning;
using Floe.Core.Schemas;
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

    public PartitionFilter(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var partitionSchema = new Schema(spec.PartitionType(schema));
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
        return _evaluator.Eval(id => partition[_positionById[id]]);
    }
}
