using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>
/// Projects a bound predicate on a source column to a predicate on a partition field.
/// Inclusive: true for every partition that may hold a matching row (null when no such predicate exists, meaning
/// "keep every partition"). Strict: true only for partitions whose rows all match (null meaning "no partition").
/// </summary>
internal static class TransformProjection
{
    public static Expression? Inclusive(Transform transform, string name, BoundPredicate predicate)
    {
        var op = predicate.Op;
        if (op is Operation.IsNull or Operation.NotNull && transform is not VoidTransform and not UnknownTransform)
        {
            return Expr.Predicate(op, name);
        }

        switch (transform)
        {
            case IdentityTransform:
                return Expr.Predicate(op, name, [.. predicate.Literals]);
            case BucketTransform:
                return op is Operation.Equal or Operation.In ? Apply(transform, name, op, predicate) : null;
            case TruncateTransform t when predicate.Ref.Type.TypeId is TypeId.String:
                return op switch
                {
                    Operation.LessThan or Operation.LessThanOrEqual => Apply(transform, name, Operation.LessThanOrEqual, predicate),
                    Operation.GreaterThan or Operation.GreaterThanOrEqual => Apply(transform, name, Operation.GreaterThanOrEqual, predicate),
                    Operation.Equal or Operation.In or Operation.StartsWith => Apply(transform, name, op, predicate),
                    Operation.NotStartsWith when CodePoints(predicate.Literal) <= t.Width => Expr.Predicate(op, name, predicate.Literal),
                    _ => null,
                };
            case TruncateTransform when predicate.Ref.Type.TypeId is TypeId.Binary:
                return op switch
                {
                    Operation.LessThan or Operation.LessThanOrEqual => Apply(transform, name, Operation.LessThanOrEqual, predicate),
                    Operation.GreaterThan or Operation.GreaterThanOrEqual => Apply(transform, name, Operation.GreaterThanOrEqual, predicate),
                    Operation.Equal or Operation.In => Apply(transform, name, op, predicate),
                    _ => null,
                };
            case TruncateTransform or TimeTransform:
                return op switch
                {
                    Operation.LessThan => Shifted(transform, name, Operation.LessThanOrEqual, predicate.Literal, -1),
                    Operation.LessThanOrEqual => Apply(transform, name, Operation.LessThanOrEqual, predicate),
                    Operation.GreaterThan => Shifted(transform, name, Operation.GreaterThanOrEqual, predicate.Literal, 1),
                    Operation.GreaterThanOrEqual => Apply(transform, name, Operation.GreaterThanOrEqual, predicate),
                    Operation.Equal or Operation.In => Apply(transform, name, op, predicate),
                    _ => null,
                };
            default:
                return null;
        }
    }

    public static Expression? Strict(Transform transform, string name, BoundPredicate predicate)
    {
        var op = predicate.Op;
        if (op is Operation.IsNull or Operation.NotNull && transform is not VoidTransform and not UnknownTransform)
        {
            return Expr.Predicate(op, name);
        }

        switch (transform)
        {
            case IdentityTransform:
                return Expr.Predicate(op, name, [.. predicate.Literals]);
            case BucketTransform:
                return op is Operation.NotEqual or Operation.NotIn ? Apply(transform, name, op, predicate) : null;
            case TruncateTransform t when predicate.Ref.Type.TypeId is TypeId.String:
                return op switch
                {
                    Operation.LessThan or Operation.GreaterThan or Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith =>
                        Apply(transform, name, op, predicate),
                    Operation.StartsWith when CodePoints(predicate.Literal) <= t.Width => Expr.Predicate(op, name, predicate.Literal),
                    _ => null,
                };
            case TruncateTransform when predicate.Ref.Type.TypeId is TypeId.Binary:
                return op is Operation.NotEqual or Operation.NotIn ? Apply(transform, name, op, predicate) : null;
            case TruncateTransform or TimeTransform:
                return op switch
                {
                    Operation.LessThan => Apply(transform, name, Operation.LessThan, predicate),
                    Operation.LessThanOrEqual => Shifted(transform, name, Operation.LessThan, predicate.Literal, 1),
                    Operation.GreaterThan => Apply(transform, name, Operation.GreaterThan, predicate),
                    Operation.GreaterThanOrEqual => Shifted(transform, name, Operation.GreaterThan, predicate.Literal, -1),
                    Operation.NotEqual or Operation.NotIn => Apply(transform, name, op, predicate),
                    _ => null,
                };
            default:
                return null;
        }
    }

    private static Expression Apply(Transform transform, string name, Operation op, BoundPredicate predicate)
    {
        var values = new List<Literal>();
        foreach (var literal in predicate.Literals)
        {
            var projected = transform.Apply(literal);
            if (!values.Contains(projected))
            {
                values.Add(projected);
            }
        }

        if (op.IsSet() && values.Count == 1)
        {
            op = op == Operation.In ? Operation.Equal : Operation.NotEqual;
        }

        return Expr.Predicate(op, name, values);
    }

    private static Expression? Shifted(Transform transform, string name, Operation op, Literal literal, int delta)
    {
        var adjacent = Adjacent(literal, delta);
        return adjacent is { } value ? Expr.Predicate(op, name, transform.Apply(value)) : null;
    }

    /// <summary>The next (or previous) representable value, or null at the end of the range.</summary>
    private static Literal? Adjacent(Literal literal, int delta)
    {
        switch (literal.TypeId)
        {
            case TypeId.Int:
                long i = (long)literal.AsInt() + delta;
                return i is > int.MaxValue or < int.MinValue ? null : Literal.Of((int)i);
            case TypeId.Date:
                long d = (long)literal.AsDateDays() + delta;
                return d is > int.MaxValue or < int.MinValue ? null : Literal.OfDate((int)d);
            case TypeId.Long or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs:
                long v = literal.AsLong();
                if ((delta > 0 && v == long.MaxValue) || (delta < 0 && v == long.MinValue))
                {
                    return null;
                }

                return literal.TypeId switch
                {
                    TypeId.Long => Literal.Of(v + delta),
                    TypeId.Timestamp => Literal.OfTimestamp(v + delta),
                    TypeId.TimestampTz => Literal.OfTimestampTz(v + delta),
                    TypeId.TimestampNs => Literal.OfTimestampNs(v + delta),
                    _ => Literal.OfTimestampTzNs(v + delta),
                };
            case TypeId.Decimal:
                return Literal.OfDecimal(literal.DecimalUnscaled + delta, literal.DecimalScale);
            default:
                return null;
        }
    }

    private static int CodePoints(Literal literal) => literal.AsString().EnumerateRunes().Count();
}
