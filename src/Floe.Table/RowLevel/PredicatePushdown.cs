using Floe.Core.Expressions;
using Floe.Core.Values;

namespace Floe.Table.RowLevel;

/// <summary>
/// Translates row predicates into Iceberg filter expressions. <see cref="Possibly"/> keeps every row the predicate may
/// match (for pruning files), <see cref="Definitely"/> only rows it surely matches (for proving from metrics that a whole
/// file matches); parts that are not a column compared with a constant become true and false respectively.
/// <see cref="Exact"/> is the one-to-one translation when there is one, with Iceberg's semantics.
/// </summary>
public static class PredicatePushdown
{
    /// <summary>The same condition as an Iceberg expression, or null when it uses arithmetic, casts or compares two columns.</summary>
    public static Expression? Exact(RowPredicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return predicate switch
        {
            ConstantPredicate c => c.Value ? Expression.True : Expression.False,
            AndPredicate and => Exact(and.Left) is { } l && Exact(and.Right) is { } r ? Expr.And(l, r) : null,
            OrPredicate or => Exact(or.Left) is { } l && Exact(or.Right) is { } r ? Expr.Or(l, r) : null,
            NotPredicate not => Exact(not.Child) is { } child ? Expr.Not(child) : null,
            _ => Leaf(predicate),
        };
    }

    /// <summary>An Iceberg filter true for every row the predicate matches (SQL semantics).</summary>
    public static Expression Possibly(RowPredicate predicate) => Convert(PushNot(predicate), definitely: false);

    /// <summary>An Iceberg filter true only for rows the predicate matches (SQL semantics): negated comparisons also require a value.</summary>
    public static Expression Definitely(RowPredicate predicate) => Convert(PushNot(predicate), definitely: true);

    /// <summary>
    /// Moves <c>not</c> down to the leaves, which is exact under three-valued logic: not (a &lt; b) is a &gt;= b (both
    /// unknown on null), De Morgan holds, and the negation of [not] in / like / is null is the other form.
    /// </summary>
    public static RowPredicate PushNot(RowPredicate predicate) => predicate switch
    {
        AndPredicate and => RowPredicate.And(PushNot(and.Left), PushNot(and.Right)),
        OrPredicate or => RowPredicate.Or(PushNot(or.Left), PushNot(or.Right)),
        NotPredicate not => Negate(not.Child),
        _ => predicate,
    };

    private static RowPredicate Negate(RowPredicate predicate) => predicate switch
    {
        ConstantPredicate c => c.Value ? RowPredicate.False : RowPredicate.True,
        AndPredicate and => RowPredicate.Or(Negate(and.Left), Negate(and.Right)),
        OrPredicate or => RowPredicate.And(Negate(or.Left), Negate(or.Right)),
        NotPredicate not => PushNot(not.Child),
        ComparisonPredicate c => c with { Op = Negate(c.Op) },
        NullPredicate n => n with { Negated = !n.Negated },
        InPredicate i => i with { Negated = !i.Negated },
        StartsWithPredicate s => s with { Negated = !s.Negated },
        _ => throw new ArgumentOutOfRangeException(nameof(predicate), predicate, "unknown predicate"),
    };

    private static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThan,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThanOrEqual,
        _ => ComparisonOperator.LessThan,
    };

    private static Expression Convert(RowPredicate predicate, bool definitely)
    {
        switch (predicate)
        {
            case ConstantPredicate c:
                return c.Value ? Expression.True : Expression.False;
            case AndPredicate and:
                return Expr.And(Convert(and.Left, definitely), Convert(and.Right, definitely));
            case OrPredicate or:
                return Expr.Or(Convert(or.Left, definitely), Convert(or.Right, definitely));
            default:
                break;
        }

        if (Leaf(predicate) is not UnboundPredicate leaf)
        {
            return definitely ? Expression.False : Expression.True;
        }

        // Iceberg's negated predicates also hold for null; under SQL they are unknown there, so require a value.
        bool holdsForNull = leaf.Op is Operation.NotEqual or Operation.NotIn or Operation.NotStartsWith;
        return definitely && holdsForNull ? Expr.And(Expr.NotNull(leaf.Column), leaf) : leaf;
    }

    /// <summary>A predicate on one column compared with constants, as an Iceberg predicate; null for anything else.</summary>
    private static Expression? Leaf(RowPredicate predicate)
    {
        switch (predicate)
        {
            case NullPredicate { Operand: ColumnValue column } n:
                return n.Negated ? Expr.NotNull(column.Name) : Expr.IsNull(column.Name);
            case InPredicate { Operand: ColumnValue column } i:
                return i.Negated ? Expr.NotIn(column.Name, i.Values) : Expr.In(column.Name, i.Values);
            case StartsWithPredicate { Operand: ColumnValue column } s:
                return s.Negated ? Expr.NotStartsWith(column.Name, s.Prefix) : Expr.StartsWith(column.Name, s.Prefix);
            case ComparisonPredicate { Left: ColumnValue column, Right: ConstantValue { Value.IsNull: false } value } c:
                return Compare(c.Op, column.Name, value.Value);
            case ComparisonPredicate { Left: ConstantValue { Value.IsNull: false } value, Right: ColumnValue column } c:
                return Compare(Flip(c.Op), column.Name, value.Value);
            default:
                return null;
        }
    }

    private static Expression Compare(ComparisonOperator op, string column, Literal value) => op switch
    {
        ComparisonOperator.Equal => Expr.Equal(column, value),
        ComparisonOperator.NotEqual => Expr.NotEqual(column, value),
        ComparisonOperator.LessThan => Expr.LessThan(column, value),
        ComparisonOperator.LessThanOrEqual => Expr.LessThanOrEqual(column, value),
        ComparisonOperator.GreaterThan => Expr.GreaterThan(column, value),
        _ => Expr.GreaterThanOrEqual(column, value),
    };

    private static ComparisonOperator Flip(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => op,
    };
}
