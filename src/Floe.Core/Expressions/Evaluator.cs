using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>
/// Evaluates an expression on one row, given as a function from field id to value. Comparisons with a null value are
/// false (and their negations true); NaN sorts above every number, as in Java.
/// </summary>
public sealed class Evaluator
{
    private readonly Expression _bound;

    public Evaluator(Schema schema, Expression expression, bool caseSensitive = true)
    {
        _bound = Binder.IsBound(expression) ? expression : Binder.Bind(schema, expression, caseSensitive);
    }

    /// <summary>The bound expression being evaluated.</summary>
    public Expression Expression => _bound;

    public bool Eval(Func<int, Literal> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Eval(_bound, row);
    }

    private static bool Eval(Expression expression, Func<int, Literal> row) => expression switch
    {
        TrueExpression => true,
        FalseExpression => false,
        And and => Eval(and.Left, row) && Eval(and.Right, row),
        Or or => Eval(or.Left, row) || Eval(or.Right, row),
        Not not => !Eval(not.Child, row),
        BoundPredicate predicate => Test(predicate, row(predicate.Ref.FieldId)),
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate unbound expression {expression}."),
    };

    /// <summary>Whether one value satisfies a bound predicate.</summary>
    public static bool Test(BoundPredicate predicate, Literal value)
    {
        switch (predicate.Op)
        {
            case Operation.IsNull: return value.IsNull;
            case Operation.NotNull: return !value.IsNull;
            case Operation.IsNaN: return !value.IsNull && double.IsNaN(value.AsDouble());
            case Operation.NotNaN: return value.IsNull || !double.IsNaN(value.AsDouble());
            case Operation.NotEqual: return !Test(Negated(predicate), value);
            case Operation.NotIn: return !Test(Negated(predicate), value);
            case Operation.NotStartsWith: return !Test(Negated(predicate), value);
            default: break;
        }

        if (value.IsNull)
        {
            return false;
        }

        return predicate.Op switch
        {
            Operation.LessThan => value.CompareTo(predicate.Literal) < 0,
            Operation.LessThanOrEqual => value.CompareTo(predicate.Literal) <= 0,
            Operation.GreaterThan => value.CompareTo(predicate.Literal) > 0,
            Operation.GreaterThanOrEqual => value.CompareTo(predicate.Literal) >= 0,
            Operation.Equal => value.CompareTo(predicate.Literal) == 0,
            Operation.In => predicate.Literals.Any(l => value.CompareTo(l) == 0),
            Operation.StartsWith => value.TypeId == TypeId.String && value.AsString().StartsWith(predicate.Literal.AsString(), StringComparison.Ordinal),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot evaluate {predicate.Op}."),
        };
    }

    private static BoundPredicate Negated(BoundPredicate predicate) => (BoundPredicate)predicate.Negate();
}
