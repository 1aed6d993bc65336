using Floe.Common.Errors;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>Factory for expressions: <c>Expr.And(Expr.GreaterThan("id", Literal.Of(5)), Expr.IsNull("data"))</c>.</summary>
public static class Expr
{
    public static Expression AlwaysTrue() => Expression.True;

    public static Expression AlwaysFalse() => Expression.False;

    /// <summary>Conjunction, simplified when either side is a constant.</summary>
    public static Expression And(Expression left, Expression right)
    {
        if (left.Op == Operation.False || right.Op == Operation.False)
        {
            return Expression.False;
        }

        if (left.Op == Operation.True)
        {
            return right;
        }

        return right.Op == Operation.True ? left : new And(left, right);
    }

    public static Expression And(params IEnumerable<Expression> expressions) => expressions.Aggregate(Expression.True, And);

    /// <summary>Disjunction, simplified when either side is a constant.</summary>
    public static Expression Or(Expression left, Expression right)
    {
        if (left.Op == Operation.True || right.Op == Operation.True)
        {
            return Expression.True;
        }

        if (left.Op == Operation.False)
        {
            return right;
        }

        return right.Op == Operation.False ? left : new Or(left, right);
    }

    public static Expression Not(Expression child) => child.Op switch
    {
        Operation.True => Expression.False,
        Operation.False => Expression.True,
        Operation.Not => ((Not)child).Child,
        _ => new Not(child),
    };

    public static Expression IsNull(string column) => Unary(Operation.IsNull, column);

    public static Expression NotNull(string column) => Unary(Operation.NotNull, column);

    public static Expression IsNaN(string column) => Unary(Operation.IsNaN, column);

    public static Expression NotNaN(string column) => Unary(Operation.NotNaN, column);

    public static Expression LessThan(string column, Literal value) => Compare(Operation.LessThan, column, value);

    public static Expression LessThanOrEqual(string column, Literal value) => Compare(Operation.LessThanOrEqual, column, value);

    public static Expression GreaterThan(string column, Literal value) => Compare(Operation.GreaterThan, column, value);

    public static Expression GreaterThanOrEqual(string column, Literal value) => Compare(Operation.GreaterThanOrEqual, column, value);

    public static Expression Equal(string column, Literal value) => Compare(Operation.Equal, column, value);

    public static Expression NotEqual(string column, Literal value) => Compare(Operation.NotEqual, column, value);

    public static Expression StartsWith(string column, string prefix) => Compare(Operation.StartsWith, column, Literal.Of(prefix));

    public static Expression NotStartsWith(string column, string prefix) => Compare(Operation.NotStartsWith, column, Literal.Of(prefix));

    public static Expression In(string column, params IEnumerable<Literal> values) => Set(Operation.In, column, values);

    public static Expression NotIn(string column, params IEnumerable<Literal> values) => Set(Operation.NotIn, column, values);

    /// <summary>A predicate with any operation (used when projecting and rewriting).</summary>
    public static UnboundPredicate Predicate(Operation op, string column, params IReadOnlyList<Literal> literals) => op switch
    {
        _ when op.IsUnary() => (UnboundPredicate)Unary(op, column),
        _ when op.IsSet() => (UnboundPredicate)Set(op, column, literals),
        Operation.True or Operation.False or Operation.And or Operation.Or or Operation.Not =>
            throw new FloeException(FloeErrorKind.InvalidArgument, $"{op} is not a predicate operation."),
        _ => (UnboundPredicate)Compare(op, column, literals.Count == 1 ? literals[0] : throw new FloeException(FloeErrorKind.InvalidArgument, $"{op} takes one value.")),
    };

    private static Expression Unary(Operation op, string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        return new UnboundPredicate(op, column, []);
    }

    private static Expression Compare(Operation op, string column, Literal value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        if (value.IsNull)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot compare '{column}' with null: use IsNull or NotNull.");
        }

        return new UnboundPredicate(op, column, [value]);
    }

    private static Expression Set(Operation op, string column, IEnumerable<Literal> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        var list = values.ToList();
        if (list.Exists(v => v.IsNull))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot use null in an {op} list for '{column}': use IsNull or NotNull.");
        }

        return new UnboundPredicate(op, column, list);
    }
}
