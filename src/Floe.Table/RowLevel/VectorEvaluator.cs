using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Table.RowLevel;

/// <summary>
/// Evaluates bound expressions on a whole batch, one node at a time over all rows (never per row through the tree).
/// SQL semantics: null in, null out; a comparison with null is unknown; <c>and</c>, <c>or</c>, <c>not</c> use
/// three-valued logic. Integer and decimal overflow, division by zero and values a cast cannot convert fail with a
/// message naming the expression. NaN compares above every number and equal to itself, as in Spark and Iceberg.
/// </summary>
internal static class VectorEvaluator
{
    private static readonly Int128[] PowersOfTen = BuildPowersOfTen();

    /// <summary>Sets <paramref name="matches"/>[i] to whether row i satisfies the condition (true, not false or unknown).</summary>
    public static void Match(BoundCondition condition, ColumnBatch batch, Span<bool> matches)
    {
        (bool[] values, bool[] nulls) = Eval(condition, batch);
        for (int row = 0; row < matches.Length; row++)
        {
            matches[row] = values[row] && !nulls[row];
        }
    }

    public static ValueVector Eval(BoundValue value, ColumnBatch batch)
    {
        int rows = batch.RowCount;
        switch (value)
        {
            case BoundColumn column:
                return ValueVector.FromColumn(column.Field.Resolve(batch), column.ColumnType);
            case BoundConstant constant:
                return ValueVector.Broadcast(constant.Value, constant.Type, rows);
            case BoundNegation negation:
            {
                using ValueVector operand = Eval(negation.Operand, batch);
                using ValueVector zero = ValueVector.Broadcast(Literal.Of(0), PrimitiveType.Int, rows);
                return Arithmetic(ArithmeticOperator.Subtract, zero, operand, negation.Type, negation.Text);
            }

            case BoundArithmetic arithmetic:
            {
                using ValueVector left = Eval(arithmetic.Left, batch);
                using ValueVector right = Eval(arithmetic.Right, batch);
                return Arithmetic(arithmetic.Op, left, right, arithmetic.Type, arithmetic.Text);
            }

            case BoundCast cast:
            {
                using ValueVector operand = Eval(cast.Operand, batch);
                return Convert(operand, cast.Target, cast.Text);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(value), value, "unknown bound value");
        }
    }

    /// <summary>
    /// Converts values to <paramref name="target"/>: numbers with range checks (fractions truncated toward zero into
    /// integers, rounded half away from zero into decimals), strings parsed or formatted, dates and timestamps shifted.
    /// </summary>
    public static ValueVector Convert(ValueVector source, PrimitiveType target, string context)
    {
        ValueVector result = ValueVector.Create(target, source.Length);
        try
        {
            if (source.Type is null)
            {
                return result;
            }

            Lane from = ValueVector.LaneOf(source.Type);
            Lane to = ValueVector.LaneOf(target);
            if (from == Lane.String || to == Lane.String || (from == Lane.Integer && to == Lane.Integer && !ExpressionBinder.IsNumeric(source.Type) && !source.Type.Equals(target)))
            {
                ConvertPerRow(source, result, target, context);
                return result;
            }

            Array.Copy(source.Nulls, result.Nulls, source.Length);
            for (int row = 0; row < source.Length; row++)
            {
                if (source.Nulls[row])
                {
                    continue;
                }

                switch (to)
                {
                    case Lane.Integer:
                        result.Integers![row] = ToInteger(source, row, target, context);
                        break;
                    case Lane.Floating:
                        double d = ToDouble(source, row);
                        result.Floats![row] = target.TypeId == TypeId.Float ? (float)d : d;
                        break;
                    case Lane.Decimal:
                        result.Decimals![row] = ToDecimal(source, row, target, context);
                        break;
                    default:
                        result.Booleans![row] = from switch
                        {
                            Lane.Boolean => source.Booleans![row],
                            Lane.Integer => source.Integers![row] != 0,
                            _ => source.Floats![row] != 0,
                        };
                        break;
                }
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static (bool[] Values, bool[] Nulls) Eval(BoundCondition condition, ColumnBatch batch)
    {
        int rows = batch.RowCount;
        switch (condition)
        {
            case BoundTruth truth:
            {
                var values = new bool[rows];
                values.AsSpan().Fill(truth.Value);
                return (values, new bool[rows]);
            }

            case BoundNot not:
            {
                (bool[] values, bool[] nulls) = Eval(not.Child, batch);
                for (int row = 0; row < rows; row++)
                {
                    values[row] = !values[row];
                }

                return (values, nulls);
            }

            case BoundAnd and:
            {
                (bool[] lv, bool[] ln) = Eval(and.Left, batch);
                (bool[] rv, bool[] rn) = Eval(and.Right, batch);
                for (int row = 0; row < rows; row++)
                {
                    bool leftFalse = !lv[row] && !ln[row];
                    bool rightFalse = !rv[row] && !rn[row];
                    bool isFalse = leftFalse || rightFalse;
                    ln[row] = !isFalse && (ln[row] || rn[row]);
                    lv[row] = !isFalse && !ln[row];
                }

                return (lv, ln);
            }

            case BoundOr or:
            {
                (bool[] lv, bool[] ln) = Eval(or.Left, batch);
                (bool[] rv, bool[] rn) = Eval(or.Right, batch);
                for (int row = 0; row < rows; row++)
                {
                    bool isTrue = (lv[row] && !ln[row]) || (rv[row] && !rn[row]);
                    ln[row] = !isTrue && (ln[row] || rn[row]);
                    lv[row] = isTrue;
                }

                return (lv, ln);
            }

            case BoundNullTest test:
            {
                using ValueVector operand = Eval(test.Operand, batch);
                var values = new bool[rows];
                for (int row = 0; row < rows; row++)
                {
                    values[row] = operand.Nulls[row] != test.Negated;
                }

                return (values, new bool[rows]);
            }

            case BoundStartsWith startsWith:
            {
                using ValueVector operand = Eval(startsWith.Operand, batch);
                var values = new bool[rows];
                bool[] nulls = (bool[])operand.Nulls.Clone();
                for (int row = 0; row < rows; row++)
                {
                    values[row] = !nulls[row] && operand.Strings!.GetBytes(row).StartsWith(startsWith.Prefix) != startsWith.Negated;
                }

                return (values, nulls);
            }

            case BoundComparison comparison:
                return Compare(comparison, batch);
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown bound condition");
        }
    }

    private static (bool[] Values, bool[] Nulls) Compare(BoundComparison comparison, ColumnBatch batch)
    {
        int rows = batch.RowCount;
        var values = new bool[rows];
        var nulls = new bool[rows];
        if (comparison.CompareType is not { } type)
        {
            nulls.AsSpan().Fill(true);
            return (values, nulls);
        }

        using ValueVector leftRaw = Eval(comparison.Left, batch);
        using ValueVector rightRaw = Eval(comparison.Right, batch);
        using ValueVector left = SameType(leftRaw, type) ? leftRaw : Convert(leftRaw, type, comparison.Left.Text);
        using ValueVector right = SameType(rightRaw, type) ? rightRaw : Convert(rightRaw, type, comparison.Right.Text);
        Lane lane = ValueVector.LaneOf(type);
        for (int row = 0; row < rows; row++)
        {
            if (left.Nulls[row] || right.Nulls[row])
            {
                nulls[row] = true;
                continue;
            }

            int order = lane switch
            {
                Lane.Boolean => left.Booleans![row].CompareTo(right.Booleans![row]),
                Lane.Integer => left.Integers![row].CompareTo(right.Integers![row]),
                Lane.Floating => CompareDoubles(left.Floats![row], right.Floats![row]),
                Lane.Decimal => left.Decimals![row].CompareTo(right.Decimals![row]),
                _ => left.Strings!.GetBytes(row).SequenceCompareTo(right.Strings!.GetBytes(row)),
            };
            values[row] = comparison.Op switch
            {
                ComparisonOperator.Equal => order == 0,
                ComparisonOperator.NotEqual => order != 0,
                ComparisonOperator.LessThan => order < 0,
                ComparisonOperator.LessThanOrEqual => order <= 0,
                ComparisonOperator.GreaterThan => order > 0,
                _ => order >= 0,
            };
        }

        return (values, nulls);
    }

    private static bool SameType(ValueVector vector, PrimitiveType type) => vector.Type is { } t && t.Equals(type);

    private static int CompareDoubles(double left, double right)
    {
        bool leftNaN = double.IsNaN(left);
        bool rightNaN = double.IsNaN(right);
        return leftNaN || rightNaN ? leftNaN.CompareTo(rightNaN) : left.CompareTo(right);
    }

    private static ValueVector Arithmetic(ArithmeticOperator op, ValueVector leftRaw, ValueVector rightRaw, PrimitiveType? type, string text)
    {
        int rows = leftRaw.Length;
        ValueVector result = ValueVector.Create(type, rows);
        if (type is null || leftRaw.Type is null || rightRaw.Type is null)
        {
            result.Nulls.AsSpan().Fill(true);
            return result;
        }

        Lane lane = ValueVector.LaneOf(type);

        // Decimal operands keep their own scales (the result scale depends on them); others take the result type.
        using ValueVector left = lane == Lane.Decimal ? AsDecimal(leftRaw, text) : SameType(leftRaw, type) ? leftRaw : Convert(leftRaw, type, text);
        using ValueVector right = lane == Lane.Decimal ? AsDecimal(rightRaw, text) : SameType(rightRaw, type) ? rightRaw : Convert(rightRaw, type, text);
        try
        {
            for (int row = 0; row < rows; row++)
            {
                if (left.Nulls[row] || right.Nulls[row])
                {
                    result.Nulls[row] = true;
                    continue;
                }

                switch (lane)
                {
                    case Lane.Integer:
                        result.Integers![row] = Integer(op, left.Integers![row], right.Integers![row], type, text);
                        break;
                    case Lane.Floating:
                        double d = Floating(op, left.Floats![row], right.Floats![row], text);
                        result.Floats![row] = type.TypeId == TypeId.Float ? (float)d : d;
                        break;
                    default:
                        result.Decimals![row] = Decimal(op, left.Decimals![row], left.Type!.Scale, right.Decimals![row], right.Type!.Scale, type.Scale, text);
                        break;
                }
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static ValueVector AsDecimal(ValueVector vector, string text) =>
        vector.Type!.TypeId == TypeId.Decimal ? Convert(vector, vector.Type, text) : Convert(vector, PrimitiveType.Decimal(PrimitiveType.MaxDecimalPrecision, 0), text);

    private static long Integer(ArithmeticOperator op, long left, long right, PrimitiveType type, string text)
    {
        if (op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo && right == 0)
        {
            throw DivisionByZero(text);
        }

        long result;
        try
        {
            result = op switch
            {
                ArithmeticOperator.Add => checked(left + right),
                ArithmeticOperator.Subtract => checked(left - right),
                ArithmeticOperator.Multiply => checked(left * right),
                ArithmeticOperator.Divide => checked(left / right),
                _ => right == -1 ? 0 : left % right,
            };
        }
        catch (OverflowException)
        {
            throw Overflow(text, type);
        }

        return type.TypeId == TypeId.Int && result is > int.MaxValue or < int.MinValue ? throw Overflow(text, type) : result;
    }

    private static double Floating(ArithmeticOperator op, double left, double right, string text)
    {
        if (op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo && right == 0)
        {
            throw DivisionByZero(text);
        }

        return op switch
        {
            ArithmeticOperator.Add => left + right,
            ArithmeticOperator.Subtract => left - right,
            ArithmeticOperator.Multiply => left * right,
            ArithmeticOperator.Divide => left / right,
            _ => left % right,
        };
    }

    private static Int128 Decimal(ArithmeticOperator op, Int128 left, int leftScale, Int128 right, int rightScale, int scale, string text)
    {
        if (op is ArithmeticOperator.Divide or ArithmeticOperator.Modulo && right == 0)
        {
            throw DivisionByZero(text);
        }

        PrimitiveType type = PrimitiveType.Decimal(PrimitiveType.MaxDecimalPrecision, scale);
        try
        {
            Int128 result;
            switch (op)
            {
                case ArithmeticOperator.Multiply:
                    result = Rescale(checked(left * right), leftScale + rightScale, scale, type, text);
                    break;
                case ArithmeticOperator.Divide:
                    // a / b at scale s is round(a * 10^(s - sa + sb) / b).
                    result = DivideRounded(checked(left * PowersOfTen[scale - leftScale + rightScale]), right);
                    break;
                default:
                    Int128 a = Rescale(left, leftScale, scale, type, text);
                    Int128 b = Rescale(right, rightScale, scale, type, text);
                    result = op switch
                    {
                        ArithmeticOperator.Add => checked(a + b),
                        ArithmeticOperator.Subtract => checked(a - b),
                        _ => a % b,
                    };
                    break;
            }

            return CheckPrecision(result, type, text);
        }
        catch (Exception e) when (e is OverflowException or IndexOutOfRangeException)
        {
            throw Overflow(text, type);
        }
    }

    private static Int128 Rescale(Int128 unscaled, int from, int to, PrimitiveType type, string text)
    {
        if (to == from)
        {
            return unscaled;
        }

        if (to > from)
        {
            return to - from > PrimitiveType.MaxDecimalPrecision ? throw Overflow(text, type) : checked(unscaled * PowersOfTen[to - from]);
        }

        return from - to > PrimitiveType.MaxDecimalPrecision ? 0 : DivideRounded(unscaled, PowersOfTen[from - to]);
    }

    /// <summary>Division rounding half away from zero.</summary>
    private static Int128 DivideRounded(Int128 dividend, Int128 divisor)
    {
        (Int128 quotient, Int128 remainder) = Int128.DivRem(dividend, divisor);
        if (Int128.Abs(remainder) * 2 >= Int128.Abs(divisor))
        {
            quotient += (dividend < 0) != (divisor < 0) ? -1 : 1;
        }

        return quotient;
    }

    private static Int128 CheckPrecision(Int128 unscaled, PrimitiveType type, string text) =>
        Int128.Abs(unscaled) >= PowersOfTen[type.Precision] ? throw Overflow(text, type) : unscaled;

    private static long ToInteger(ValueVector source, int row, PrimitiveType target, string context)
    {
        long value;
        switch (ValueVector.LaneOf(source.Type!))
        {
            case Lane.Integer:
                value = source.Integers![row];
                break;
            case Lane.Boolean:
                value = source.Booleans![row] ? 1 : 0;
                break;
            case Lane.Floating:
                double d = Math.Truncate(source.Floats![row]);
                if (double.IsNaN(d) || d >= 9.2233720368547758E18 || d < -9.2233720368547758E18)
                {
                    throw OutOfRange(source.Get(row), target, context);
                }

                value = (long)d;
                break;
            default:
                Int128 whole = source.Decimals![row] / PowersOfTen[source.Type!.Scale];
                if (whole > long.MaxValue || whole < long.MinValue)
                {
                    throw OutOfRange(source.Get(row), target, context);
                }

                value = (long)whole;
                break;
        }

        return target.TypeId == TypeId.Int && value is > int.MaxValue or < int.MinValue ? throw OutOfRange(source.Get(row), target, context) : value;
    }

    private static double ToDouble(ValueVector source, int row) => ValueVector.LaneOf(source.Type!) switch
    {
        Lane.Integer => source.Integers![row],
        Lane.Floating => source.Floats![row],
        Lane.Boolean => source.Booleans![row] ? 1 : 0,
        _ => (double)source.Decimals![row] / Math.Pow(10, source.Type!.Scale),
    };

    private static Int128 ToDecimal(ValueVector source, int row, PrimitiveType target, string context)
    {
        try
        {
            Int128 unscaled;
            switch (ValueVector.LaneOf(source.Type!))
            {
                case Lane.Integer:
                    unscaled = checked((Int128)source.Integers![row] * PowersOfTen[target.Scale]);
                    break;
                case Lane.Floating:
                    double scaled = Math.Round(source.Floats![row] * Math.Pow(10, target.Scale), MidpointRounding.AwayFromZero);
                    if (double.IsNaN(scaled) || Math.Abs(scaled) >= 1e38)
                    {
                        throw OutOfRange(source.Get(row), target, context);
                    }

                    unscaled = (Int128)scaled;
                    break;
                case Lane.Boolean:
                    unscaled = source.Booleans![row] ? PowersOfTen[target.Scale] : 0;
                    break;
                default:
                    unscaled = Rescale(source.Decimals![row], source.Type!.Scale, target.Scale, target, context);
                    break;
            }

            return Int128.Abs(unscaled) >= PowersOfTen[target.Precision] ? throw OutOfRange(source.Get(row), target, context) : unscaled;
        }
        catch (OverflowException)
        {
            throw OutOfRange(source.Get(row), target, context);
        }
    }

    /// <summary>Conversions through literals: to and from strings, between dates and timestamps.</summary>
    private static void ConvertPerRow(ValueVector source, ValueVector result, PrimitiveType target, string context)
    {
        for (int row = 0; row < source.Length; row++)
        {
            Literal value = source.Get(row);
            if (value.IsNull)
            {
                result.Set(row, Literal.Null);
                continue;
            }

            if (target.TypeId == TypeId.String)
            {
                result.Set(row, Literal.Of(value.ToString()));
                continue;
            }

            Literal converted = value.TypeId == TypeId.String ? Parse(value.AsString().Trim(), target)
                : Temporal(value, target) ?? Literal.Null;
            if (converted.IsNull)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument,
                    $"Cannot cast {(value.TypeId == TypeId.String ? "'" + value + "'" : value.ToString())} to {target} in {context}.");
            }

            result.Set(row, converted);
        }
    }

    /// <summary>A string read as a value of <paramref name="type"/> (SQL literal syntax), or null when it is not one.</summary>
    private static Literal Parse(string text, PrimitiveType type)
    {
        const NumberStyles Integer = NumberStyles.AllowLeadingSign;
        const NumberStyles Floating = NumberStyles.Float;
        switch (type.TypeId)
        {
            case TypeId.Int:
                return int.TryParse(text, Integer, CultureInfo.InvariantCulture, out int i) ? Literal.Of(i) : Literal.Null;
            case TypeId.Long:
                return long.TryParse(text, Integer, CultureInfo.InvariantCulture, out long l) ? Literal.Of(l) : Literal.Null;
            case TypeId.Float:
                return float.TryParse(text, Floating, CultureInfo.InvariantCulture, out float f) ? Literal.Of(f) : Literal.Null;
            case TypeId.Double:
                return double.TryParse(text, Floating, CultureInfo.InvariantCulture, out double d) ? Literal.Of(d) : Literal.Null;
            case TypeId.Boolean:
                return bool.TryParse(text, out bool b) ? Literal.Of(b) : Literal.Null;
            default:
                return LiteralConversion.TryConvert(Literal.Of(text), type, out Literal converted) == ConversionOutcome.Exact ? converted : Literal.Null;
        }
    }

    private static Literal? Temporal(Literal value, PrimitiveType target)
    {
        const long MicrosPerDay = 86_400_000_000L;
        long? micros = value.TypeId switch
        {
            TypeId.Date => value.AsDateDays() * MicrosPerDay,
            TypeId.Timestamp or TypeId.TimestampTz => value.AsLong(),
            TypeId.TimestampNs or TypeId.TimestampTzNs => Math.DivRem(value.AsLong(), 1000L).Quotient - (value.AsLong() % 1000 < 0 ? 1 : 0),
            _ => null,
        };
        if (micros is not long m)
        {
            return null;
        }

        long nanos = value.TypeId is TypeId.TimestampNs or TypeId.TimestampTzNs ? value.AsLong() : checked(m * 1000);
        return target.TypeId switch
        {
            TypeId.Date => Literal.OfDate((int)(m / MicrosPerDay - (m % MicrosPerDay < 0 ? 1 : 0))),
            TypeId.Timestamp => Literal.OfTimestamp(m),
            TypeId.TimestampTz => Literal.OfTimestampTz(m),
            TypeId.TimestampNs => Literal.OfTimestampNs(nanos),
            TypeId.TimestampTzNs => Literal.OfTimestampTzNs(nanos),
            _ => null,
        };
    }

    private static FloeException DivisionByZero(string text) =>
        new(FloeErrorKind.InvalidArgument, $"Division by zero in {text}.");

    private static FloeException Overflow(string text, PrimitiveType type) =>
        new(FloeErrorKind.InvalidArgument, $"Arithmetic overflow in {text}: the result does not fit in {type}.");

    private static FloeException OutOfRange(Literal value, PrimitiveType target, string context) =>
        new(FloeErrorKind.InvalidArgument, $"Value {value} is out of range for {target} in {context}.");

    private static Int128[] BuildPowersOfTen()
    {
        var powers = new Int128[PrimitiveType.MaxDecimalPrecision + 1];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
