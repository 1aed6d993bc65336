using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.Scanning;

/// <summary>
/// Decides from a manifest's partition field summaries (null and NaN flags, value bounds) whether any of its files
/// may hold rows matching a row filter, using the filter's inclusive projection onto the manifest's partition spec.
/// </summary>
public sealed class ManifestSummaryFilter
{
    private readonly Expression _projection;
    private readonly Dictionary<int, int> _positionById = [];

    public ManifestSummaryFilter(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(rowFilter);
        StructType partitionType = spec.PartitionType(schema);
        for (int i = 0; i < partitionType.Fields.Count; i++)
        {
            _positionById[partitionType.Fields[i].Id] = i;
        }

        Expression projected = Projections.Inclusive(spec, schema, rowFilter, caseSensitive);
        _projection = RewriteNot.Rewrite(Binder.IsBound(projected) ? projected : Binder.Bind(new Schema(partitionType), projected, caseSensitive: true));
    }

    /// <summary>The filter on partition values the summaries are tested with.</summary>
    public Expression Projection => _projection;

    public bool MightMatch(ManifestFile manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Partitions is null || _projection is TrueExpression)
        {
            return _projection is not FalseExpression;
        }

        return Eval(_projection, manifest.Partitions);
    }

    private bool Eval(Expression expression, IReadOnlyList<PartitionFieldSummary> summaries) => expression switch
    {
        TrueExpression => true,
        FalseExpression => false,
        And and => Eval(and.Left, summaries) && Eval(and.Right, summaries),
        Or or => Eval(or.Left, summaries) || Eval(or.Right, summaries),
        BoundPredicate predicate => MightMatch(predicate, summaries),
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {expression} on partition summaries."),
    };

    private bool MightMatch(BoundPredicate predicate, IReadOnlyList<PartitionFieldSummary> summaries)
    {
        if (!_positionById.TryGetValue(predicate.Ref.FieldId, out int position) || position >= summaries.Count)
        {
            return true;
        }

        PartitionFieldSummary summary = summaries[position];
        if (!TryRead(predicate.Ref.Type, summary.LowerBound, out Literal lower) || !TryRead(predicate.Ref.Type, summary.UpperBound, out Literal upper))
        {
            // Bounds in a form this type cannot read (an evolved column): nothing can be ruled out.
            return true;
        }

        // Without bounds no value is neither null nor NaN; whether all are null also needs the NaN flag for floats.
        bool floating = predicate.Ref.Type.TypeId is TypeId.Float or TypeId.Double;
        bool allNull = summary.ContainsNull && lower.IsNull && (!floating || summary.ContainsNan == false);
        switch (predicate.Op)
        {
            case Operation.IsNull:
                return summary.ContainsNull;
            case Operation.NotNull:
                return !allNull;
            case Operation.IsNaN:
                return summary.ContainsNan != false;
            case Operation.NotNaN:
                return !(summary.ContainsNan == true && !summary.ContainsNull && lower.IsNull);
            case Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith:
                return true;
            default:
                break;
        }

        if (lower.IsNull)
        {
            // No non-null, non-NaN value in any file of the manifest.
            return false;
        }

        return predicate.Op switch
        {
            Operation.LessThan => lower.CompareTo(predicate.Literal) < 0,
            Operation.LessThanOrEqual => lower.CompareTo(predicate.Literal) <= 0,
            Operation.GreaterThan => upper.IsNull || upper.CompareTo(predicate.Literal) > 0,
            Operation.GreaterThanOrEqual => upper.IsNull || upper.CompareTo(predicate.Literal) >= 0,
            Operation.Equal => MetricsFilter.InRange(predicate.Literal, lower, upper),
            Operation.In => predicate.Literals.Any(l => MetricsFilter.InRange(l, lower, upper)),
            Operation.StartsWith => MetricsFilter.StartsWithMightMatch(predicate.Literal.AsString(), lower, upper),
            _ => true,
        };
    }

    private static bool TryRead(PrimitiveType type, byte[]? bytes, out Literal value)
    {
        value = Literal.Null;
        if (bytes is null)
        {
            return true;
        }

        try
        {
            value = SingleValueBinary.Read(type, bytes);
            return true;
        }
        catch (FloeException)
        {
            return false;
        }
    }
}
