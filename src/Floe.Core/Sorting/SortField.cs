using Floe.Core.Transforms;

namespace Floe.Core.Sorting;

/// <summary>One key of a sort order: a transform of a source column, a direction and where nulls go.</summary>
public sealed record SortField(Transform Transform, int SourceId, SortDirection Direction, NullOrder NullOrder)
{
    public override string ToString() =>
        $"{Transform}({SourceId}) {(Direction == SortDirection.Ascending ? "asc" : "desc")} {(NullOrder == NullOrder.NullsFirst ? "nulls-first" : "nulls-last")}";
}
