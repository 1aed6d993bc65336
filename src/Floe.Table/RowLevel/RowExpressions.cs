using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.RowLevel;

/// <summary>Arithmetic operators of value expressions.</summary>
public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// <summary>Comparison operators of row predicates.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>
/// A value computed from a row: a column, a constant, arithmetic, a negation or a cast. Evaluated a batch at a time
/// by <see cref="VectorEvaluator"/> with SQL semantics: an operand that is null makes the result null.
/// </summary>
public abstract record ValueExpression
{
    public static ValueExpression Column(string name) => new ColumnValue(name);

    public static ValueExpression Constant(Literal value) => new ConstantValue(value);

    public static ValueExpression Arithmetic(ArithmeticOperator op, ValueExpression left, ValueExpression right) => new ArithmeticValue(op, left, right);

    public static ValueExpression Negate(ValueExpression operand) => new NegatedValue(operand);

    public static ValueExpression Cast(ValueExpression operand, PrimitiveType type) => new CastValue(operand, type);
}

/// <summary>A column by (dotted) name.</summary>
public sealed record ColumnValue(string Name) : ValueExpression
{
    public override string ToString() => Name;
}

/// <summary>A constant; <see cref="Literal.Null"/> is SQL null.</summary>
public sealed record ConstantValue(Literal Value) : ValueExpression
{
    public override string ToString() => Value.IsNull ? "null"
        : Value.TypeId == TypeId.String ? "'" + Value.AsString().Replace("'", "''", StringComparison.Ordinal) + "'"
        : Value.ToString();
}

public sealed record ArithmeticValue(ArithmeticOperator Op, ValueExpression Left, ValueExpression Right) : ValueExpression
{
    public override string ToString() => $"({Left} {RowExpressionText.Symbol(Op)} {Right})";
}

public sealed record NegatedValue(ValueExpression Operand) : ValueExpression
{
    public override string ToString() => $"-{Operand}";
}

public sealed record CastValue(ValueExpression Operand, PrimitiveType Type) : ValueExpression
{
    public override string ToString() => $"cast({Operand} as {Type})";
}

/// <summary>
/// A condition on a row with SQL's three-valued logic: a comparison with null is unknown, <c>not</c> of unknown is
/// unknown, and only rows for which the condition is true match. Plain column-to-constant parts are pushed down to
/// file pruning (<see cref="PredicatePushdown"/>); the whole condition is evaluated on batches by <see cref="VectorEvaluator"/>.
/// </summary>
public abstract record RowPredicate
{
    public static RowPredicate True { get; } = new ConstantPredicate(true);

    public static RowPredicate False { get; } = new ConstantPredicate(false);

    public static RowPredicate Compare(ComparisonOperator op, ValueExpression left, ValueExpression right) => new ComparisonPredicate(op, left, right);

    public static RowPredicate IsNull(ValueExpression operand) => new NullPredicate(operand, Negated: false);

    public static RowPredicate NotNull(ValueExpression operand) => new NullPredicate(operand, Negated: true);

    public static RowPredicate In(ValueExpression operand, IReadOnlyList<Literal> values, bool negated = false) => new InPredicate(operand, values, negated);

    public static RowPredicate StartsWith(ValueExpression operand, string prefix, bool negated = false) => new StartsWithPredicate(operand, prefix, negated);

    /// <summary><c>operand between low and high</c>: both bounds inclusive.</summary>
    public static RowPredicate Between(ValueExpression operand, ValueExpression low, ValueExpression high) =>
        And(Compare(ComparisonOperator.GreaterThanOrEqual, operand, low), Compare(ComparisonOperator.LessThanOrEqual, operand, high));

    public static RowPredicate And(RowPredicate left, RowPredicate right) => new AndPredicate(left, right);

    public static RowPredicate Or(RowPredicate left, RowPredicate right) => new OrPredicate(left, right);

    public static RowPredicate Not(RowPredicate child) => new NotPredicate(child);
}

public sealed record ConstantPredicate(bool Value) : RowPredicate
{
    public override string ToString() => Value ? "true" : "false";
}

public sealed record ComparisonPredicate(ComparisonOperator Op, ValueExpression Left, ValueExpression Right) : RowPredicate
{
    public override string ToString() => $"{Left} {RowExpressionText.Symbol(Op)} {Right}";
}

public sealed record NullPredicate(ValueExpression Operand, bool Negated) : RowPredicate
{
    public override string ToString() => Negated ? $"{Operand} is not null" : $"{Operand} is null";
}

/// <summary><c>operand [not] in (values)</c>; the values are not null.</summary>
public sealed record InPredicate(ValueExpression Operand, IReadOnlyList<Literal> Values, bool Negated) : RowPredicate
{
    public override string ToString() =>
        $"{Operand} {(Negated ? "not in" : "in")} ({string.Join(", ", Values.Select(v => new ConstantValue(v).ToString()))})";
}

/// <summary><c>operand [not] like 'prefix%'</c>.</summary>
public sealed record StartsWithPredicate(ValueExpression Operand, string Prefix, bool Negated) : RowPredicate
{
    public override string ToString() => $"{Operand} {(Negated ? "not like" : "like")} {new ConstantValue(Literal.Of(Prefix + "%"))}";
}

public sealed record AndPredicate(RowPredicate Left, RowPredicate Right) : RowPredicate
{
    public override string ToString() => $"({Left} and {Right})";
}

public sealed record OrPredicate(RowPredicate Left, RowPredicate Right) : RowPredicate
{
    public override string ToString() => $"({Left} or {Right})";
}

public sealed record NotPredicate(RowPredicate Child) : RowPredicate
{
    public override string ToString() => $"not ({Child})";
}

/// <summary>One <c>column = value</c> of an update.</summary>
public sealed record Assignment(string Column, ValueExpression Value)
{
    public override string ToString() => $"{Column} = {Value}";
}

internal static class RowExpressionText
{
    public static string Symbol(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        ArithmeticOperator.Divide => "/",
        _ => "%",
    };

    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.LessThan => "<",
        ComparisonOperator.LessThanOrEqual => "<=",
        ComparisonOperator.GreaterThan => ">",
        _ => ">=",
    };
}
