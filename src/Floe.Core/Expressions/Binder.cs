using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>
/// Binds column names to field ids of a schema and converts literals to the columns' types. Predicates that cannot
/// match or always match are folded (a literal above an int column's range, IS NULL on a required column).
/// </summary>
/// <exception cref="FloeException">A column is missing or nested, a literal does not fit its column, or an operation
/// does not apply to the column's type (kind InvalidArgument).</exception>
public static class Binder
{
    public static Expression Bind(Schema schema, Expression expression, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(expression);
        return expression switch
        {
            TrueExpression or FalseExpression => expression,
            And and => Expr.And(Bind(schema, and.Left, caseSensitive), Bind(schema, and.Right, caseSensitive)),
            Or or => Expr.Or(Bind(schema, or.Left, caseSensitive), Bind(schema, or.Right, caseSensitive)),
            Not not => Expr.Not(Bind(schema, not.Child, caseSensitive)),
            UnboundPredicate predicate => BindPredicate(schema, predicate, caseSensitive),
            BoundPredicate bound => throw new FloeException(FloeErrorKind.InvalidArgument, $"Predicate is already bound: {bound}."),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot bind expression {expression}."),
        };
    }

    /// <summary>True when every predicate in the expression is bound (or there are none).</summary>
    public static bool IsBound(Expression expression) => expression switch
    {
        And and => IsBound(and.Left) && IsBound(and.Right),
        Or or => IsBound(or.Left) && IsBound(or.Right),
        Not not => IsBound(not.Child),
        UnboundPredicate => false,
        _ => true,
    };

    private static Expression BindPredicate(Schema schema, UnboundPredicate predicate, bool caseSensitive)
    {
        var field = schema.FindField(predicate.Column, caseSensitive)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot find column '{predicate.Column}' to bind {predicate}.");
        if (field.Type is not PrimitiveType type)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot filter on '{predicate.Column}': it is a {field.Type.TypeId.ToString().ToLowerInvariant()}, not a primitive.");
        }

        // A column is required only if it and every struct around it are required.
        bool required = field.IsRequired;
        for (int? parent = schema.FindParentId(field.Id); required && parent is int p; parent = schema.FindParentId(p))
        {
            required = schema.FindField(p)!.IsRequired;
        }

        var reference = new BoundReference(field.Id, schema.FindColumnName(field.Id)!, type, required);
        var op = predicate.Op;
        switch (op)
        {
            case Operation.IsNull:
                return required ? Expression.False : new BoundPredicate(op, reference, []);
            case Operation.NotNull:
                return required ? Expression.True : new BoundPredicate(op, reference, []);
            case Operation.IsNaN or Operation.NotNaN:
                if (type.TypeId is not (TypeId.Float or TypeId.Double))
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"{op} applies only to float and double columns, not '{reference.Name}' ({type}).");
                }

                return new BoundPredicate(op, reference, []);
            case Operation.StartsWith or Operation.NotStartsWith:
                if (type.TypeId != TypeId.String)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"{op} applies only to string columns, not '{reference.Name}' ({type}).");
                }

                return new BoundPredicate(op, reference, [Convert(predicate, predicate.Literal, type, out _)]);
            case Operation.In or Operation.NotIn:
                return BindSet(predicate, reference);
            default:
                return BindComparison(predicate, reference);
        }
    }

    private static Expression BindComparison(UnboundPredicate predicate, BoundReference reference)
    {
        var literal = Convert(predicate, predicate.Literal, reference.Type, out var outcome);
        if (!literal.IsNull && literal.TypeId is TypeId.Float or TypeId.Double && double.IsNaN(literal.AsDouble()))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid literal NaN in {predicate}: use IsNaN or NotNaN instead.");
        }

        var op = predicate.Op;
        return outcome switch
        {
            ConversionOutcome.AboveMax => op is Operation.LessThan or Operation.LessThanOrEqual or Operation.NotEqual ? Expression.True : Expression.False,
            ConversionOutcome.BelowMin => op is Operation.GreaterThan or Operation.GreaterThanOrEqual or Operation.NotEqual ? Expression.True : Expression.False,
            _ => new BoundPredicate(op, reference, [literal]),
        };
    }

    private static Expression BindSet(UnboundPredicate predicate, BoundReference reference)
    {
        var values = new List<Literal>();
        foreach (var literal in predicate.Literals)
        {
            var converted = Convert(predicate, literal, reference.Type, out var outcome);
            if (outcome == ConversionOutcome.Exact && !values.Contains(converted))
            {
                values.Add(converted);
            }
        }

        bool isIn = predicate.Op == Operation.In;
        return values.Count switch
        {
            0 => isIn ? Expression.False : Expression.True,
            1 => new BoundPredicate(isIn ? Operation.Equal : Operation.NotEqual, reference, values),
            _ => new BoundPredicate(predicate.Op, reference, values),
        };
    }

    private static Literal Convert(UnboundPredicate predicate, Literal value, PrimitiveType type, out ConversionOutcome outcome)
    {
        outcome = LiteralConversion.TryConvert(value, type, out var result);
        if (outcome == ConversionOutcome.Invalid)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid value for conversion to type {type}: {value} ({value.TypeId.ToString().ToLowerInvariant()}) in {predicate}.");
        }

        return result;
    }
}
