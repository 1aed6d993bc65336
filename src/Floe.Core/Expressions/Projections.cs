using Floe.Core.Partitioning;
using Floe.Core.Schemas;

namespace Floe.Core.Expressions;

/// <summary>
/// Turns a row filter into a filter on partition values (named by partition field names), for partition pruning.
/// The inclusive projection keeps every partition that may contain matching rows; the strict projection selects
/// partitions in which every row matches.
/// </summary>
public static class Projections
{
    public static Expression Inclusive(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true) =>
        Project(spec, RewriteNot.Rewrite(Bind(schema, rowFilter, caseSensitive)), inclusive: true);

    public static Expression Strict(PartitionSpec spec, Schema schema, Expression rowFilter, bool caseSensitive = true) =>
        Project(spec, RewriteNot.Rewrite(Bind(schema, rowFilter, caseSensitive)), inclusive: false);

    private static Expression Bind(Schema schema, Expression expression, bool caseSensitive) =>
        Binder.IsBound(expression) ? expression : Binder.Bind(schema, expression, caseSensitive);

    private static Expression Project(PartitionSpec spec, Expression expression, bool inclusive)
    {
        switch (expression)
        {
            case And and:
                return Expr.And(Project(spec, and.Left, inclusive), Project(spec, and.Right, inclusive));
            case Or or:
                return Expr.Or(Project(spec, or.Left, inclusive), Project(spec, or.Right, inclusive));
            case BoundPredicate predicate:
                // Inclusive: every partition field on the column narrows the result (and). Strict: any one suffices (or).
                var result = inclusive ? Expression.True : Expression.False;
                foreach (var field in spec.Fields)
                {
                    if (field.SourceId != predicate.Ref.FieldId)
                    {
                        continue;
                    }

                    var projected = inclusive
                        ? TransformProjection.Inclusive(field.Transform, field.Name, predicate)
                        : TransformProjection.Strict(field.Transform, field.Name, predicate);
                    if (projected is not null)
                    {
                        result = inclusive ? Expr.And(result, projected) : Expr.Or(result, projected);
                    }
                }

                return result;
            default:
                return expression;
        }
    }
}
