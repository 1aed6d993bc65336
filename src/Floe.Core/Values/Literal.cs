using System.Runtime.InteropServices;
using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Values;

/// <summary>
/// One value of a primitive Iceberg type, or null. Numbers, dates, times and timestamps are held inline without
/// boxing; strings, byte arrays, UUIDs (16 big-endian bytes) and decimals wider than 64 bits are held by reference.
/// </summary>
/// <remarks>
/// Dates are days since 1970-01-01, times microseconds since midnight, timestamps microseconds (or nanoseconds for
/// the <c>_ns</c> types) since the epoch, decimals an unscaled integer with a scale.
/// </remarks>
[StructLayout(LayoutKind.Auto)]
public readonly partial struct Literal : IEquatable<Literal>
{
    private readonly object? _ref;
    private readonly long _bits;
    private readonly byte _kind; // 0 = null, otherwise (byte)TypeId + 1
    private readonly byte _scale;

    private Literal(TypeId type, long bits, object? reference = null, int scale = 0)
    {
        _kind = (byte)((byte)type + 1);
        _bits = bits;
        _ref = reference;
        _scale = (byte)scale;
    }

    /// <summary>The null value (also <c>default(Literal)</c>).</summary>
    public static Literal Null => default;

    public bool IsNull => _kind == 0;

    /// <summary>The kind of value held; throws for null.</summary>
    public TypeId TypeId => _kind != 0
        ? (TypeId)(_kind - 1)
        : throw new FloeException(FloeErrorKind.InvalidArgument, "A null literal has no type.");

    public static Literal Of(bool value) => new(TypeId.Boolean, value ? 1 : 0);

    public static Literal Of(int value) => new(TypeId.Int, value);

    public static Literal Of(long value) => new(TypeId.Long, value);

    public static Literal Of(float value) => new(TypeId.Float, BitConverter.SingleToInt32Bits(value));

    public static Literal Of(double value) => new(TypeId.Double, BitConverter.DoubleToInt64Bits(value));

    public static Literal Of(string value) => new(TypeId.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public static Literal Of(DateOnly value) => OfDate(DateTimeUtil.DaysFromDate(value));

    public static Literal Of(TimeOnly value) => OfTime(DateTimeUtil.MicrosFromTime(value));

    public static Literal Of(Guid value)
    {
        var bytes = new byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        return new Literal(TypeId.Uuid, 0, bytes);
    }

    /// <summary>A decimal from its unscaled value and scale (14.20 = unscaled 1420, scale 2).</summary>
    public static Literal OfDecimal(Int128 unscaled, int scale)
    {
        if (scale is < 0 or > PrimitiveType.MaxDecimalPrecision)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid decimal scale {scale}.");
        }

        return unscaled >= long.MinValue && unscaled <= long.MaxValue
            ? new Literal(TypeId.Decimal, (long)unscaled, null, scale)
            : new Literal(TypeId.Decimal, 0, unscaled, scale);
    }

    /// <summary>A decimal keeping the scale of the .NET value (14.20m has scale 2).</summary>
    public static Literal OfDecimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        var magnitude = ((Int128)(uint)parts[2] << 64) | ((Int128)(uint)parts[1] << 32) | (uint)parts[0];
        return OfDecimal(value < 0 || (parts[3] & int.MinValue) != 0 ? -magnitude : magnitude, value.Scale);
    }

    public static Literal OfDate(int daysSinceEpoch) => new(TypeId.Date, daysSinceEpoch);

    public static Literal OfTime(long microsSinceMidnight)
    {
        if (microsSinceMidnight is < 0 or >= DateTimeUtil.MicrosPerDay)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Time {microsSinceMidnight} µs is outside one day.");
        }

        return new Literal(TypeId.Time, microsSinceMidnight);
    }

    public static Literal OfTimestamp(long microsSinceEpoch) => new(TypeId.Timestamp, microsSinceEpoch);

    public static Literal OfTimestampTz(long microsSinceEpoch) => new(TypeId.TimestampTz, microsSinceEpoch);

    public static Literal OfTimestampNs(long nanosSinceEpoch) => new(TypeId.TimestampNs, nanosSinceEpoch);

    public static Literal OfTimestampTzNs(long nanosSinceEpoch) => new(TypeId.TimestampTzNs, nanosSinceEpoch);

    /// <summary>A UUID from its 16 bytes in RFC (big-endian) order.</summary>
    public static Literal OfUuid(ReadOnlySpan<byte> bigEndianBytes)
    {
        if (bigEndianBytes.Length != 16)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"A UUID has 16 bytes, got {bigEndianBytes.Length}.");
        }

        return new Literal(TypeId.Uuid, 0, bigEndianBytes.ToArray());
    }

    /// <summary>A fixed value; the array is used as is and must not be changed afterwards.</summary>
    public static Literal OfFixed(byte[] value) => new(TypeId.Fixed, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A binary value; the array is used as is and must not be changed afterwards.</summary>
    public static Literal OfBinary(byte[] value) => new(TypeId.Binary, 0, value ?? throw new ArgumentNullException(nameof(value)));

    public bool AsBoolean() => Expect(TypeId.Boolean)._bits != 0;

    public int AsInt() => (int)Expect(TypeId.Int)._bits;

    /// <summary>The 64-bit payload of long, date, time and timestamp values (and int, widened).</summary>
    public long AsLong()
    {
        switch (TypeId)
        {
            case TypeId.Int or TypeId.Long or TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz
                or TypeId.TimestampNs or TypeId.TimestampTzNs:
                return _bits;
            default:
                throw Mismatch("long");
        }
    }

    public float AsFloat() => BitConverter.Int32BitsToSingle((int)Expect(TypeId.Float)._bits);

    /// <summary>The double value (a float is widened).</summary>
    public double AsDouble() => TypeId switch
    {
        TypeId.Double => BitConverter.Int64BitsToDouble(_bits),
        TypeId.Float => BitConverter.Int32BitsToSingle((int)_bits),
        _ => throw Mismatch("double"),
    };

    /// <summary>Days since 1970-01-01 of a date.</summary>
    public int AsDateDays() => (int)Expect(TypeId.Date)._bits;

    public DateOnly AsDate() => DateTimeUtil.DateFromDays(AsDateDays());

    public Int128 DecimalUnscaled
    {
        get
        {
            Expect(TypeId.Decimal);
            return _ref is Int128 wide ? wide : _bits;
        }
    }

    public int DecimalScale => Expect(TypeId.Decimal)._scale;

    /// <summary>The value as a .NET decimal; throws when it does not fit (more than 28 digits).</summary>
    public decimal AsDecimal()
    {
        var unscaled = DecimalUnscaled;
        var magnitude = unscaled < 0 ? -unscaled : unscaled;
        if (magnitude > (Int128)decimal.MaxValue)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Decimal {this} does not fit a .NET decimal.");
        }

        var m = (UInt128)magnitude;
        return new decimal((int)(uint)m, (int)(uint)(m >> 32), (int)(uint)(m >> 64), unscaled < 0, (byte)_scale);
    }

    public string AsString() => (string)Expect(TypeId.String)._ref!;

    public Guid AsUuid() => new((byte[])Expect(TypeId.Uuid)._ref!, bigEndian: true);

    /// <summary>The bytes of a fixed, binary or UUID (big-endian) value.</summary>
    public ReadOnlySpan<byte> AsBytes() => TypeId is TypeId.Fixed or TypeId.Binary or TypeId.Uuid
        ? (byte[])_ref!
        : throw Mismatch("bytes");

    /// <summary>True when this value can be stored in a column of the given type (null fits every type).</summary>
    public bool IsCompatibleWith(PrimitiveType type)
    {
        if (IsNull)
        {
            return true;
        }

        if (TypeId != type.TypeId)
        {
            return false;
        }

        return TypeId switch
        {
            TypeId.Decimal => _scale == type.Scale && DecimalDigits(DecimalUnscaled) <= type.Precision,
            TypeId.Fixed => ((byte[])_ref!).Length == type.Length,
            _ => true,
        };
    }

    internal long RawBits => _bits;

    internal object? RawReference => _ref;

    internal static int DecimalDigits(Int128 unscaled)
    {
        UInt128 magnitude = unscaled < 0 ? (UInt128)(-(unscaled + 1)) + 1 : (UInt128)unscaled;
        int digits = 1;
        while (magnitude >= 10)
        {
            magnitude /= 10;
            digits++;
        }

        return digits;
    }

    private Literal Expect(TypeId type) => _kind == (byte)type + 1 ? this : throw Mismatch(type.ToString().ToLowerInvariant());

    private FloeException Mismatch(string wanted) => new(FloeErrorKind.InvalidArgument,
        IsNull ? $"Expected a {wanted} value, got null." : $"Expected a {wanted} value, got {TypeId.ToString().ToLowerInvariant()} {this}.");
}
