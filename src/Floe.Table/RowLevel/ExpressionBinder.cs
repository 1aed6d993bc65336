using System.Text;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.RowLevel;

/// <summary>
/// Checks row expressions against a schema and types them: columns must exist and be primitive; arithmetic takes
/// numbers (int op int is int, with long it is long, with a decimal a decimal, with a float or double a double);
/// comparisons take two numbers or two values of one type, a constant being converted to the other side's type;
/// casts must be between convertible types. Integer constants that fit are ints, as in SQL.
/// </summary>
internal sealed class ExpressionBinder(Schema schema, bool caseSensitive = true)
{
    /// <summary>The decimal scale a quotient keeps at least.</summary>
    private const int MinDivisionScale = 6;

    /// <summary>The ids of the columns an expression reads.</summary>
    public HashSet<int> ReferencedIds { get; } = [];

    public BoundCondition Bind(RowPredicate predicate) => predicate switch
    {
        ConstantPredicate c => new BoundTruth(c.Value),
        AndPredicate and => new BoundAnd(Bind(and.Left), Bind(and.Right)),
        OrPredicate or => new BoundOr(Bind(or.Left), Bind(or.Right)),
        NotPredicate not => new BoundNot(Bind(not.Child)),
        NullPredicate n => new BoundNullTest(Bind(n.Operand), n.Negated),
        StartsWithPredicate s => BindStartsWith(s),
        InPredicate i => BindIn(i),
        ComparisonPredicate c => BindComparison(c.Op, Bind(c.Left), Bind(c.Right), c.ToString()),
        _ => throw new ArgumentOutOfRangeException(nameof(predicate), predicate, "unknown predicate"),
    };

    public BoundValue Bind(ValueExpression value)
    {
        switch (value)
        {
            case ColumnValue column:
                NestedField field = schema.FindField(column.Name, caseSensitive)
                    ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Column '{column.Name}' does not exist.");
                if (field.Type is not PrimitiveType type)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Column '{column.Name}' is a {field.Type}; only primitive columns can be used in expressions.");
                }

                Require(ValueVector.LaneOf, type, $"column '{column.Name}'");
                ReferencedIds.Add(field.Id);
                return new BoundColumn(FieldAccessor.Create(schema, field.Id), type, column.Name);
            case ConstantValue constant:
                return BindConstant(constant);
            case NegatedValue negated:
                BoundValue operand = Bind(negated.Operand);
                if (operand.Type is { } t && !IsNumeric(t))
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot negate {negated.Operand} of type {t}: it is not a number.");
                }

                return new BoundNegation(operand, negated.ToString());
            case ArithmeticValue arithmetic:
                return BindArithmetic(arithmetic);
            case CastValue cast:
                return BindCast(cast);
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "unknown value expression");
        }
    }

    /// <summary>The type of a value stored into a column of <paramref name="target"/>: numbers convert (range-checked), other types must match.</summary>
    public static void CheckAssignable(BoundValue value, NestedField target)
    {
        if (target.Type is not PrimitiveType type)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Column '{target.Name}' is a {target.Type}; only primitive columns can be set.");
        }

        if (value.Type is null || value.Type.Equals(type) || (IsNumeric(value.Type) && IsNumeric(type)))
        {
            return;
        }

        throw new FloeException(FloeErrorKind.InvalidArgument,
            $"Cannot set column '{target.Name}' of type {type} to {value.Text} of type {value.Type}; use cast({value.Text} as {type}).");
    }

    public static bool IsNumeric(PrimitiveType type) => type.TypeId is TypeId.Int or TypeId.Long or TypeId.Float or TypeId.Double or TypeId.Decimal;

    private static BoundConstant BindConstant(ConstantValue constant)
    {
        Literal value = constant.Value;
        if (value.IsNull)
        {
            return new BoundConstant(value, null, "null");
        }

        // Integer constants are ints when they fit, so int columns stay ints in arithmetic.
        if (value.TypeId == TypeId.Long && value.AsLong() is >= int.MinValue and <= int.MaxValue)
        {
            return new BoundConstant(Literal.Of((int)value.AsLong()), PrimitiveType.Int, constant.ToString());
        }

        PrimitiveType type = value.TypeId == TypeId.Decimal
            ? PrimitiveType.Decimal(PrimitiveType.MaxDecimalPrecision, value.DecimalScale)
            : PrimitiveType.FromId(value.TypeId);
        Require(ValueVector.LaneOf, type, $"constant {constant}");
        return new BoundConstant(value, type, constant.ToString());
    }

    private BoundValue BindArithmetic(ArithmeticValue arithmetic)
    {
        BoundValue left = Bind(arithmetic.Left);
        BoundValue right = Bind(arithmetic.Right);
        string text = arithmetic.ToString();
        foreach (BoundValue side in (ReadOnlySpan<BoundValue>)[left, right])
        {
            if (side.Type is { } t && !IsNumeric(t))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument,
                    $"Cannot apply '{RowExpressionText.Symbol(arithmetic.Op)}' to {side.Text} of type {t} in {text}: arithmetic needs numbers.");
            }
        }

        PrimitiveType? type = left.Type is null || right.Type is null ? (left.Type ?? right.Type) : ArithmeticType(arithmetic.Op, left.Type, right.Type);
        return new BoundArithmetic(arithmetic.Op, left, right, type, text);
    }

    private static PrimitiveType ArithmeticType(ArithmeticOperator op, PrimitiveType left, PrimitiveType right)
    {
        if (left.TypeId is TypeId.Float or TypeId.Double || right.TypeId is TypeId.Float or TypeId.Double)
        {
            return left.TypeId == TypeId.Float && right.TypeId == TypeId.Float ? PrimitiveType.Float : PrimitiveType.Double;
        }

        if (left.TypeId == TypeId.Decimal || right.TypeId == TypeId.Decimal)
        {
            int s1 = left.TypeId == TypeId.Decimal ? left.Scale : 0;
            int s2 = right.TypeId == TypeId.Decimal ? right.Scale : 0;
            int scale = op switch
            {
                ArithmeticOperator.Multiply => s1 + s2,
                ArithmeticOperator.Divide => Math.Max(MinDivisionScale, Math.Max(s1, s2)),
                _ => Math.Max(s1, s2),
            };
            return PrimitiveType.Decimal(PrimitiveType.MaxDecimalPrecision, Math.Min(scale, PrimitiveType.MaxDecimalPrecision));
        }

        return left.TypeId == TypeId.Long || right.TypeId == TypeId.Long ? PrimitiveType.Long : PrimitiveType.Int;
    }

    private BoundCast BindCast(CastValue cast)
    {
        BoundValue operand = Bind(cast.Operand);
        Require(ValueVector.LaneOf, cast.Type, cast.ToString());
        if (operand.Type is { } from && !CanCast(from, cast.Type))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot cast {cast.Operand} of type {from} to {cast.Type}.");
        }

        return new BoundCast(operand, cast.Type, cast.ToString());
    }

    private static bool CanCast(PrimitiveType from, PrimitiveType to) =>
        from.Equals(to)
        || (IsNumeric(from) && IsNumeric(to))
        || from.TypeId == TypeId.String || to.TypeId == TypeId.String
        || (IsTemporal(from) && IsTemporal(to) && from.TypeId != TypeId.Time && to.TypeId != TypeId.Time)
        || (from.TypeId == TypeId.Boolean && to.TypeId is TypeId.Int or TypeId.Long)
        || (IsNumeric(from) && from.TypeId != TypeId.Decimal && to.TypeId == TypeId.Boolean);

    private static bool IsTemporal(PrimitiveType type) =>
        type.TypeId is TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs;

    private BoundCondition BindStartsWith(StartsWithPredicate predicate)
    {
        BoundValue operand = Bind(predicate.Operand);
        if (operand.Type is { } t && t.TypeId != TypeId.String)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot apply like to {operand.Text} of type {t}: it needs a string.");
        }

        return new BoundStartsWith(operand, Encoding.UTF8.GetBytes(predicate.Prefix), predicate.Negated);
    }

    /// <summary><c>x in (a, b)</c> is <c>x = a or x = b</c>; <c>not in</c> its negation: both keep SQL's null semantics.</summary>
    private BoundCondition BindIn(InPredicate predicate)
    {
        BoundValue operand = Bind(predicate.Operand);
        BoundCondition? any = null;
        foreach (Literal value in predicate.Values)
        {
            var constant = BindConstant(new ConstantValue(value));
            BoundCondition equal = BindComparison(ComparisonOperator.Equal, operand, constant, predicate.ToString());
            any = any is null ? equal : new BoundOr(any, equal);
        }

        BoundCondition result = any ?? new BoundTruth(false);
        return predicate.Negated ? new BoundNot(result) : result;
    }

    private static BoundComparison BindComparison(ComparisonOperator op, BoundValue left, BoundValue right, string text)
    {
        if (left.Type is null || right.Type is null)
        {
            return new BoundComparison(op, left, right, null);
        }

        // A constant takes the other side's type when it is not already comparable (a date written as a string).
        if (left is BoundConstant lc && !Comparable(left.Type, right.Type))
        {
            left = Convert(lc, right.Type, text);
        }
        else if (right is BoundConstant rc && !Comparable(left.Type, right.Type))
        {
            right = Convert(rc, left.Type, text);
        }

        PrimitiveType type = CommonType(left.Type!, right.Type!)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot compare {left.Text} of type {left.Type} with {right.Text} of type {right.Type} in {text}.");
        return new BoundComparison(op, left, right, type);
    }

    private static bool Comparable(PrimitiveType left, PrimitiveType right) => CommonType(left, right) is not null;

    /// <summary>The type two values are compared in: numbers widen to a common type; other types must be the same.</summary>
    private static PrimitiveType? CommonType(PrimitiveType left, PrimitiveType right)
    {
        if (IsNumeric(left) && IsNumeric(right))
        {
            return left.Equals(right) ? left : ArithmeticType(ArithmeticOperator.Add, left, right);
        }

        return left.TypeId == right.TypeId ? left : null;
    }

    private static BoundConstant Convert(BoundConstant constant, PrimitiveType type, string text)
    {
        if (ValueVector.LaneOf(type) == Lane.String || LiteralConversion.TryConvert(constant.Value, type, out Literal converted) != ConversionOutcome.Exact)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot compare a {type} value with {constant.Text} in {text}.");
        }

        return new BoundConstant(converted, type, constant.Text);
    }

    private static void Require(Func<PrimitiveType, Lane> lane, PrimitiveType type, string what)
    {
        try
        {
            lane(type);
        }
        catch (FloeException)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot use {what}: values of type {type} are not supported in expressions.");
        }
    }
}
