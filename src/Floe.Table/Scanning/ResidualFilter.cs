using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning;

/// <summary>
/// The row filter a file's rows still need after partition pruning: nothing (true) when the filter's strict
/// projection shows every row of the file's partition matches, else the whole filter.
/// </summary>
public sealed class ResidualFilter
{
    private readonly Expression _filter;
    private readonly Evaluator? _strict;
    private readonly Dictionary<int, int> _positionById = [];
    private readonly TypeId[] _types = [];

    public ResidualFilter(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rowFilter);
        _filter = Binder.IsBound(rowFilter) ? rowFilter : Binder.Bind(schema, rowFilter, caseSensitive);
        if (_filter is TrueExpression || spec.Fields.Count == 0)
        {
            return;
        }

        StructType partitionType = spec.PartitionType(schema);
        _types = [.. partitionType.Fields.Select(f => f.Type.TypeId)];
        for (int i = 0; i < partitionType.Fields.Count; i++)
        {
            _positionById[partitionType.Fields[i].Id] = i;
        }

        Expression strict = Projections.Strict(spec, schema, _filter, caseSensitive);
        if (strict is not FalseExpression)
        {
            _strict = new Evaluator(new Schema(partitionType), strict, caseSensitive: true);
        }
    }

    /// <summary>The filter rows of a file in <paramref name="partition"/> must pass.</summary>
    public Expression For(PartitionData partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (_strict is null || partition.Size != _types.Length)
        {
            return _filter;
        }

        // Values stored in another type than the spec's (written by other engines) are not compared: keep the filter.
        for (int i = 0; i < _types.Length; i++)
        {
            if (!partition[i].IsNull && partition[i].TypeId != _types[i])
            {
                return _filter;
            }
        }

        bool allMatch = _strict.Eval(id =>
            _positionById.TryGetValue(id, out int position)
                ? partition[position]
                : throw new FloeException(FloeErrorKind.InvalidData, $"Partition {partition} has no value for partition field {id}."));
        return allMatch ? Expression.True : _filter;
    }
}
