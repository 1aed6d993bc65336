using Floe.Core.Metadata;
using Floe.Core.Sorting;

namespace Floe.Table.Operations;

/// <summary>
/// Sets the table's default sort order, built by name against the current schema at each attempt (an existing equal
/// order is reused, otherwise a new order id is assigned).
/// </summary>
public sealed class ReplaceSortOrder : MetadataChange
{
    private readonly List<Action<SortOrderBuilder>> _fields = [];

    internal ReplaceSortOrder(ITableOperations operations)
        : base(operations)
    {
    }

    public ReplaceSortOrder Asc(string column, NullOrder nullOrder = NullOrder.NullsFirst) => Add(b => b.Asc(column, nullOrder));

    public ReplaceSortOrder Desc(string column, NullOrder nullOrder = NullOrder.NullsLast) => Add(b => b.Desc(column, nullOrder));

    protected internal override TableMetadata Apply(TableMetadata current)
    {
        var builder = new SortOrderBuilder(current.CurrentSchema);
        foreach (var field in _fields)
        {
            field(builder);
        }

        return TableMetadataBuilder.From(current).AddSortOrder(builder.Build()).SetDefaultSortOrder(TableMetadataBuilder.LastAdded).Build();
    }

    private ReplaceSortOrder Add(Action<SortOrderBuilder> field)
    {
        _fields.Add(field);
        Preview();
        return this;
    }
}
