namespace Floe.Core.Expressions;

/// <summary>
/// A boolean filter expression: <see cref="True"/>, <see cref="False"/>, <see cref="And"/>, <see cref="Or"/>,
/// <see cref="Not"/>, or a predicate on one column (<see cref="UnboundPredicate"/> by name, <see cref="BoundPredicate"/>
/// by field id after <see cref="Binder"/>). Build them with <see cref="Expr"/>.
/// </summary>
public abstract class Expression
{
    private protected Expression()
    {
    }

    public static Expression True { get; } = new TrueExpression();

    public static Expression False { get; } = new FalseExpression();

    public abstract Operation Op { get; }

    /// <summary>The expression that is true exactly when this one is false.</summary>
    public abstract Expression Negate();

    public abstract override string ToString();
}

public sealed class TrueExpression : Expression
{
    internal TrueExpression()
    {
    }

    public override Operation Op => Operation.True;

    public override Expression Negate() => False;

    public override string ToString() => "true";
}

public sealed class FalseExpression : Expression
{
    internal FalseExpression()
    {
    }

    public override Operation Op => Operation.False;

    public override Expression Negate() => True;

    public override string ToString() => "false";
}

public sealed class And : Expression
{
    internal And(Expression left, Expression right)
    {
        Left = left;
        Right = right;
    }

    public Expression Left { get; }

    public Expression Right { get; }

    public override Operation Op => Operation.And;

    public override Expression Negate() => Expr.Or(Left.Negate(), Right.Negate());

    public override string ToString() => $"({Left} and {Right})";
}

public sealed class Or : Expression
{
    internal Or(Expression left, Expression right)
    {
        Left = left;
        Right = right;
    }

    public Expression Left { get; }

    public Expression Right { get; }

    public override Operation Op => Operation.Or;

    public override Expression Negate() => Expr.And(Left.Negate(), Right.Negate());

    public override string ToString() => $"({Left} or {Right})";
}

public sealed class Not : Expression
{
    internal Not(Expression child) => Child = child;

    public Expression Child { get; }

    public override Operation Op => Operation.Not;

    public override Expression Negate() => Child;

    public override string ToString() => $"not({Child})";
}
