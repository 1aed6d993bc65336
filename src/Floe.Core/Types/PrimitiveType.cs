using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Core.Types;

/// <summary>
/// A primitive Iceberg type. Parameterless types are singletons (<see cref="Int"/>, <see cref="String"/>, ...);
/// <see cref="Decimal(int, int)"/> and <see cref="Fixed(int)"/> carry their parameters.
/// </summary>
public sealed class PrimitiveType : IcebergType
{
    /// <summary>The largest decimal precision Iceberg allows.</summary>
    public const int MaxDecimalPrecision = 38;

    public static readonly PrimitiveType Boolean = new(TypeId.Boolean);
    public static readonly PrimitiveType Int = new(TypeId.Int);
    public static readonly PrimitiveType Long = new(TypeId.Long);
    public static readonly PrimitiveType Float = new(TypeId.Float);
    public static readonly PrimitiveType Double = new(TypeId.Double);
    public static readonly PrimitiveType Date = new(TypeId.Date);
    public static readonly PrimitiveType Time = new(TypeId.Time);
    public static readonly PrimitiveType Timestamp = new(TypeId.Timestamp);
    public static readonly PrimitiveType TimestampTz = new(TypeId.TimestampTz);
    public static readonly PrimitiveType TimestampNs = new(TypeId.TimestampNs);
    public static readonly PrimitiveType TimestampTzNs = new(TypeId.TimestampTzNs);
    public static readonly PrimitiveType String = new(TypeId.String);
    public static readonly PrimitiveType Uuid = new(TypeId.Uuid);
    public static readonly PrimitiveType Binary = new(TypeId.Binary);

    private PrimitiveType(TypeId typeId, int precision = 0, int scale = 0, int length = 0)
    {
        TypeId = typeId;
        Precision = precision;
        Scale = scale;
        Length = length;
    }

    public override TypeId TypeId { get; }

    /// <summary>Decimal precision (digits); 0 for other types.</summary>
    public int Precision { get; }

    /// <summary>Decimal scale (digits after the point); 0 for other types.</summary>
    public int Scale { get; }

    /// <summary>Length in bytes of a fixed type; 0 for other types.</summary>
    public int Length { get; }

    public override IReadOnlyList<NestedField> ChildFields => [];

    /// <summary>decimal(P,S) with 1 ≤ P ≤ 38 and 0 ≤ S ≤ P.</summary>
    public static PrimitiveType Decimal(int precision, int scale)
    {
        if (precision is < 1 or > MaxDecimalPrecision)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid decimal precision {precision}: must be between 1 and {MaxDecimalPrecision}.");
        }

        if (scale < 0 || scale > precision)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid decimal scale {scale} for precision {precision}: must be between 0 and the precision.");
        }

        return new PrimitiveType(TypeId.Decimal, precision, scale);
    }

    /// <summary>fixed[L] with L ≥ 1.</summary>
    public static PrimitiveType Fixed(int length)
    {
        if (length < 1)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid fixed length {length}: must be at least 1.");
        }

        return new PrimitiveType(TypeId.Fixed, length: length);
    }

    /// <summary>The singleton for a parameterless type id.</summary>
    public static PrimitiveType FromId(TypeId id) => id switch
    {
        TypeId.Boolean => Boolean,
        TypeId.Int => Int,
        TypeId.Long => Long,
        TypeId.Float => Float,
        TypeId.Double => Double,
        TypeId.Date => Date,
        TypeId.Time => Time,
        TypeId.Timestamp => Timestamp,
        TypeId.TimestampTz => TimestampTz,
        TypeId.TimestampNs => TimestampNs,
        TypeId.TimestampTzNs => TimestampTzNs,
        TypeId.String => String,
        TypeId.Uuid => Uuid,
        TypeId.Binary => Binary,
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {id} needs parameters or is not primitive."),
    };

    /// <summary>Parses a type string such as <c>long</c>, <c>decimal(9, 2)</c> or <c>fixed[16]</c>.</summary>
    /// <exception cref="FloeException">The text is not a primitive type (kind InvalidArgument).</exception>
    public static PrimitiveType Parse(string text) => TypeParser.ParsePrimitive(text);

    /// <summary>Like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string text, out PrimitiveType? type) => TypeParser.TryParsePrimitive(text, out type, out _);

    /// <summary>Minimum number of bytes that hold any unscaled value of a decimal with this precision.</summary>
    public static int DecimalRequiredBytes(int precision)
    {
        if (precision is < 1 or > MaxDecimalPrecision)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid decimal precision {precision}.");
        }

        return DecimalBytes[precision];
    }

    private static readonly int[] DecimalBytes = ComputeDecimalBytes();

    private static int[] ComputeDecimalBytes()
    {
        // Smallest n with 2^(8n-1) > 10^P - 1, computed exactly.
        var result = new int[MaxDecimalPrecision + 1];
        for (int p = 1; p <= MaxDecimalPrecision; p++)
        {
            var max = System.Numerics.BigInteger.Pow(10, p) - 1;
            int n = 1;
            while (System.Numerics.BigInteger.Pow(2, (8 * n) - 1) <= max)
            {
                n++;
            }

            result[p] = n;
        }

        return result;
    }

    public override bool Equals(IcebergType? other) =>
        other is PrimitiveType p && p.TypeId == TypeId && p.Precision == Precision && p.Scale == Scale && p.Length == Length;

    public override int GetHashCode() => HashCode.Combine(TypeId, Precision, Scale, Length);

    /// <summary>The spec's type string (Java's spelling: <c>decimal(9, 2)</c>, <c>fixed[16]</c>).</summary>
    public override string ToString() => TypeId switch
    {
        TypeId.Boolean => "boolean",
        TypeId.Int => "int",
        TypeId.Long => "long",
        TypeId.Float => "float",
        TypeId.Double => "double",
        TypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision}, {Scale})"),
        TypeId.Date => "date",
        TypeId.Time => "time",
        TypeId.Timestamp => "timestamp",
        TypeId.TimestampTz => "timestamptz",
        TypeId.TimestampNs => "timestamp_ns",
        TypeId.TimestampTzNs => "timestamptz_ns",
        TypeId.String => "string",
        TypeId.Uuid => "uuid",
        TypeId.Fixed => string.Create(CultureInfo.InvariantCulture, $"fixed[{Length}]"),
        TypeId.Binary => "binary",
        _ => TypeId.ToString(),
    };
}
