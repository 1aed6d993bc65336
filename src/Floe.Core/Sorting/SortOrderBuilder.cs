using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Transforms;

namespace Floe.Core.Sorting;

/// <summary>
/// Builds a sort order against a schema: the source must be a primitive column and the transform must apply to it.
/// Nulls default to first for ascending and last for descending keys.
/// </summary>
public sealed class SortOrderBuilder
{
    private readonly Schema _schema;
    private readonly List<SortField> _fields = [];
    private int? _orderId;
    private bool _caseSensitive = true;

    public SortOrderBuilder(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    public SortOrderBuilder WithOrderId(int orderId)
    {
        _orderId = orderId;
        return this;
    }

    public SortOrderBuilder CaseSensitive(bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
        return this;
    }

    public SortOrderBuilder Asc(string column, NullOrder nullOrder = NullOrder.NullsFirst) =>
        Add(column, Transform.Identity, SortDirection.Ascending, nullOrder);

    public SortOrderBuilder Desc(string column, NullOrder nullOrder = NullOrder.NullsLast) =>
        Add(column, Transform.Identity, SortDirection.Descending, nullOrder);

    public SortOrderBuilder Add(string column, Transform transform, SortDirection direction, NullOrder? nullOrder = null)
    {
        var field = _schema.FindField(column, _caseSensitive)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot sort by '{column}': no such column.");
        return Add(field.Id, transform, direction,
            nullOrder ?? (direction == SortDirection.Ascending ? NullOrder.NullsFirst : NullOrder.NullsLast));
    }

    public SortOrderBuilder Add(int sourceId, Transform transform, SortDirection direction, NullOrder nullOrder)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var field = _schema.FindField(sourceId)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot sort by source column {sourceId}: it does not exist.");
        if (!field.Type.IsPrimitive)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot sort by '{_schema.FindColumnName(sourceId)}': it is a {field.Type.TypeId.ToString().ToLowerInvariant()}, not a primitive.");
        }

        if (!transform.CanTransform(field.Type))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid source type {field.Type} for transform {transform} in sort order ('{_schema.FindColumnName(sourceId)}').");
        }

        _fields.Add(new SortField(transform, sourceId, direction, nullOrder));
        return this;
    }

    /// <summary>The order; without an explicit id it is 1 when sorted and 0 when unsorted.</summary>
    public SortOrder Build() => new(_orderId ?? (_fields.Count == 0 ? 0 : 1), _fields);
}
