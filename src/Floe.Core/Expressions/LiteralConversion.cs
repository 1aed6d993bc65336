using System.Numerics;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Expressions;

/// <summary>The outcome of converting a literal to a column type.</summary>
public enum ConversionOutcome
{
    /// <summary>Converted without loss.</summary>
    Exact,

    /// <summary>The value is above every value of the type (e.g. 2^40 for an int column).</summary>
    AboveMax,

    /// <summary>The value is below every value of the type.</summary>
    BelowMin,

    /// <summary>The value cannot be a value of the type.</summary>
    Invalid,
}

/// <summary>
/// Converts a literal to a column type the way predicate binding needs: widening numbers, narrowing them when they fit,
/// parsing ISO strings for dates, times, timestamps, UUIDs and decimals.
/// </summary>
public static class LiteralConversion
{
    public static ConversionOutcome TryConvert(Literal value, PrimitiveType type, out Literal result)
    {
        result = Literal.Null;
        if (value.IsNull)
        {
            return ConversionOutcome.Invalid;
        }

        if (value.IsCompatibleWith(type))
        {
            result = value;
            return ConversionOutcome.Exact;
        }

        switch (value.TypeId)
        {
            case TypeId.Int or TypeId.Long:
                return FromInteger(value.AsLong(), type, out result);
            case TypeId.Float or TypeId.Double:
                return FromDouble(value, type, out result);
            case TypeId.Decimal:
                return FromDecimal(value, type, out result);
            case TypeId.String:
                var parsed = SingleValueJson.TryParseText(type, value.AsString());
                if (parsed is { } p)
                {
                    result = p;
                    return ConversionOutcome.Exact;
                }

                if (type.TypeId == TypeId.Decimal && LiteralText.TryParseDecimal(value.AsString(), out var unscaled, out int scale))
                {
                    return FromDecimal(Literal.OfDecimal(unscaled, scale), type, out result);
                }

                return ConversionOutcome.Invalid;
            case TypeId.Timestamp when type.TypeId == TypeId.Date:
                result = Literal.OfDate(DateTimeUtil.DaysFromMicros(value.AsLong()));
                return ConversionOutcome.Exact;
            case TypeId.Fixed when type.TypeId == TypeId.Binary:
                result = Literal.OfBinary(value.AsBytes().ToArray());
                return ConversionOutcome.Exact;
            case TypeId.Binary when type.TypeId == TypeId.Fixed && value.AsBytes().Length == type.Length:
                result = Literal.OfFixed(value.AsBytes().ToArray());
                return ConversionOutcome.Exact;
            default:
                return ConversionOutcome.Invalid;
        }
    }

    private static ConversionOutcome FromInteger(long v, PrimitiveType type, out Literal result)
    {
        result = Literal.Null;
        switch (type.TypeId)
        {
            case TypeId.Int:
                if (v > int.MaxValue)
                {
                    return ConversionOutcome.AboveMax;
                }

                if (v < int.MinValue)
                {
                    return ConversionOutcome.BelowMin;
                }

                result = Literal.Of((int)v);
                return ConversionOutcome.Exact;
            case TypeId.Long:
                result = Literal.Of(v);
                return ConversionOutcome.Exact;
            case TypeId.Float:
                result = Literal.Of((float)v);
                return ConversionOutcome.Exact;
            case TypeId.Double:
                result = Literal.Of((double)v);
                return ConversionOutcome.Exact;
            case TypeId.Date:
                if (v is > int.MaxValue or < int.MinValue)
                {
                    return v > 0 ? ConversionOutcome.AboveMax : ConversionOutcome.BelowMin;
                }

                result = Literal.OfDate((int)v);
                return ConversionOutcome.Exact;
            case TypeId.Time:
                if (v is < 0 or >= DateTimeUtil.MicrosPerDay)
                {
                    return ConversionOutcome.Invalid;
                }

                result = Literal.OfTime(v);
                return ConversionOutcome.Exact;
            case TypeId.Timestamp:
                result = Literal.OfTimestamp(v);
                return ConversionOutcome.Exact;
            case TypeId.TimestampTz:
                result = Literal.OfTimestampTz(v);
                return ConversionOutcome.Exact;
            case TypeId.TimestampNs:
                result = Literal.OfTimestampNs(v);
                return ConversionOutcome.Exact;
            case TypeId.TimestampTzNs:
                result = Literal.OfTimestampTzNs(v);
                return ConversionOutcome.Exact;
            case TypeId.Decimal:
                return FromDecimal(Literal.OfDecimal(v, 0), type, out result);
            default:
                return ConversionOutcome.Invalid;
        }
    }

    private static ConversionOutcome FromDouble(Literal value, PrimitiveType type, out Literal result)
    {
        result = Literal.Null;
        double d = value.AsDouble();
        switch (type.TypeId)
        {
            case TypeId.Double:
                result = Literal.Of(d);
                return ConversionOutcome.Exact;
            case TypeId.Float:
                if (double.IsFinite(d) && d > float.MaxValue)
                {
                    return ConversionOutcome.AboveMax;
                }

                if (double.IsFinite(d) && d < float.MinValue)
                {
                    return ConversionOutcome.BelowMin;
                }

                result = Literal.Of((float)d);
                return ConversionOutcome.Exact;
            case TypeId.Decimal when double.IsFinite(d):
                decimal m;
                try
                {
                    m = (decimal)d;
                }
                catch (OverflowException)
                {
                    return d > 0 ? ConversionOutcome.AboveMax : ConversionOutcome.BelowMin;
                }

                return FromDecimal(Literal.OfDecimal(Math.Round(m, Math.Min(type.Scale, 28), MidpointRounding.ToEven)), type, out result);
            default:
                return ConversionOutcome.Invalid;
        }
    }

    private static ConversionOutcome FromDecimal(Literal value, PrimitiveType type, out Literal result)
    {
        result = Literal.Null;
        switch (type.TypeId)
        {
            case TypeId.Decimal:
                if (value.DecimalScale > type.Scale)
                {
                    // Only an exact rescale keeps the predicate's meaning.
                    var divisor = BigInteger.Pow(10, value.DecimalScale - type.Scale);
                    var quotient = BigInteger.DivRem(value.DecimalUnscaled, divisor, out var remainder);
                    if (!remainder.IsZero)
                    {
                        return ConversionOutcome.Invalid;
                    }

                    return Fit(quotient, type, out result);
                }

                return Fit((BigInteger)value.DecimalUnscaled * BigInteger.Pow(10, type.Scale - value.DecimalScale), type, out result);
            case TypeId.Double:
                result = Literal.Of((double)value.DecimalUnscaled / Math.Pow(10, value.DecimalScale));
                return ConversionOutcome.Exact;
            case TypeId.Float:
                result = Literal.Of((float)((double)value.DecimalUnscaled / Math.Pow(10, value.DecimalScale)));
                return ConversionOutcome.Exact;
            default:
                return ConversionOutcome.Invalid;
        }
    }

    private static ConversionOutcome Fit(BigInteger unscaled, PrimitiveType type, out Literal result)
    {
        result = Literal.Null;
        var limit = BigInteger.Pow(10, type.Precision);
        if (unscaled >= limit)
        {
            return ConversionOutcome.AboveMax;
        }

        if (unscaled <= -limit)
        {
            return ConversionOutcome.BelowMin;
        }

        result = Literal.OfDecimal((Int128)unscaled, type.Scale);
        return ConversionOutcome.Exact;
    }
}
