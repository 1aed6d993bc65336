using System.Numerics;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Values;

public readonly partial struct Literal : IComparable<Literal>
{
    /// <summary>
    /// Orders two values of the same type the way Iceberg does: numbers numerically (floats with -0.0 before 0.0 and NaN
    /// last), strings by Unicode code point (= UTF-8 byte order), UUIDs, fixed and binary by unsigned bytes.
    /// Int and long (and float and double) compare across widths. Null sorts before every value.
    /// </summary>
    /// <exception cref="FloeException">The values have types that cannot be compared.</exception>
    public int CompareTo(Literal other)
    {
        if (IsNull || other.IsNull)
        {
            return IsNull == other.IsNull ? 0 : IsNull ? -1 : 1;
        }

        var a = TypeId;
        var b = other.TypeId;
        if (a != b)
        {
            if (a is TypeId.Int or TypeId.Long && b is TypeId.Int or TypeId.Long)
            {
                return _bits.CompareTo(other._bits);
            }

            if (a is TypeId.Float or TypeId.Double && b is TypeId.Float or TypeId.Double)
            {
                return CompareDoubles(AsDouble(), other.AsDouble());
            }

            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot compare {a.ToString().ToLowerInvariant()} {this} with {b.ToString().ToLowerInvariant()} {other}.");
        }

        return a switch
        {
            TypeId.Float => CompareDoubles(AsFloat(), other.AsFloat()),
            TypeId.Double => CompareDoubles(AsDouble(), other.AsDouble()),
            TypeId.Decimal => CompareDecimals(this, other),
            TypeId.String => CompareStrings(AsString(), other.AsString()),
            TypeId.Uuid or TypeId.Fixed or TypeId.Binary => AsBytes().SequenceCompareTo(other.AsBytes()),
            _ => _bits.CompareTo(other._bits),
        };
    }

    /// <summary>Compares two strings by Unicode code point, which is the order of their UTF-8 bytes.</summary>
    public static int CompareStrings(string left, string right)
    {
        int length = Math.Min(left.Length, right.Length);
        int i = left.AsSpan(0, length).CommonPrefixLength(right.AsSpan(0, length));
        if (i == length)
        {
            return left.Length.CompareTo(right.Length);
        }

        // UTF-16 order differs from code point order only between surrogates and U+E000..U+FFFF: shift those apart.
        return CodePointRank(left[i]).CompareTo(CodePointRank(right[i]));
    }

    /// <summary>Java's Double.compare order: -0.0 before 0.0, NaN after everything (and equal to itself).</summary>
    public static int CompareDoubles(double left, double right)
    {
        if (left < right)
        {
            return -1;
        }

        if (left > right)
        {
            return 1;
        }

        bool leftNaN = double.IsNaN(left);
        bool rightNaN = double.IsNaN(right);
        if (leftNaN || rightNaN)
        {
            return leftNaN.CompareTo(rightNaN);
        }

        // Equal numerically: only the sign of zero can differ.
        return (!double.IsNegative(left)).CompareTo(!double.IsNegative(right));
    }

    public static bool operator <(Literal left, Literal right) => left.CompareTo(right) < 0;

    public static bool operator <=(Literal left, Literal right) => left.CompareTo(right) <= 0;

    public static bool operator >(Literal left, Literal right) => left.CompareTo(right) > 0;

    public static bool operator >=(Literal left, Literal right) => left.CompareTo(right) >= 0;

    public static bool operator ==(Literal left, Literal right) => left.Equals(right);

    public static bool operator !=(Literal left, Literal right) => !left.Equals(right);

    /// <summary>
    /// Same type and same value. Floats compare by canonical bits (NaN equals NaN, -0.0 differs from 0.0),
    /// as partition values do.
    /// </summary>
    public bool Equals(Literal other)
    {
        if (_kind != other._kind)
        {
            return false;
        }

        if (IsNull)
        {
            return true;
        }

        return TypeId switch
        {
            TypeId.Float => CanonicalBits(this) == CanonicalBits(other),
            TypeId.Double => CanonicalBits(this) == CanonicalBits(other),
            TypeId.Decimal => _scale == other._scale && DecimalUnscaled == other.DecimalUnscaled,
            TypeId.String => string.Equals(AsString(), other.AsString(), StringComparison.Ordinal),
            TypeId.Uuid or TypeId.Fixed or TypeId.Binary => AsBytes().SequenceEqual(other.AsBytes()),
            _ => _bits == other._bits,
        };
    }

    public override bool Equals(object? obj) => obj is Literal other && Equals(other);

    public override int GetHashCode()
    {
        if (IsNull)
        {
            return 0;
        }

        switch (TypeId)
        {
            case TypeId.Float or TypeId.Double:
                return HashCode.Combine(_kind, CanonicalBits(this));
            case TypeId.Decimal:
                return HashCode.Combine(_kind, _scale, DecimalUnscaled);
            case TypeId.String:
                return HashCode.Combine(_kind, string.GetHashCode(AsString(), StringComparison.Ordinal));
            case TypeId.Uuid or TypeId.Fixed or TypeId.Binary:
                var hash = new HashCode();
                hash.Add(_kind);
                hash.AddBytes(AsBytes());
                return hash.ToHashCode();
            default:
                return HashCode.Combine(_kind, _bits);
        }
    }

    private static int CodePointRank(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;

    private static long CanonicalBits(Literal value)
    {
        double d = value.AsDouble();
        return double.IsNaN(d) ? 0x7ff8000000000000L : value.TypeId == TypeId.Float ? value._bits : BitConverter.DoubleToInt64Bits(d);
    }

    private static int CompareDecimals(Literal left, Literal right)
    {
        if (left._scale == right._scale)
        {
            return left.DecimalUnscaled.CompareTo(right.DecimalUnscaled);
        }

        // Bring both to the larger scale; BigInteger avoids overflow of the wider unscaled value.
        int scale = Math.Max(left._scale, right._scale);
        var l = (BigInteger)left.DecimalUnscaled * BigInteger.Pow(10, scale - left._scale);
        var r = (BigInteger)right.DecimalUnscaled * BigInteger.Pow(10, scale - right._scale);
        return l.CompareTo(r);
    }
}
