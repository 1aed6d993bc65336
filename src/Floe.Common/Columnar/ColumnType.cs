using System.Globalization;

namespace Floe.Common.Columnar;

/// <summary>
/// The type of a column in a <see cref="ColumnBatch"/>. Primitive types are shared instances; parameterized and
/// nested types are built with the factory methods.
/// </summary>
public sealed class ColumnType : IEquatable<ColumnType>
{
    private ColumnType(ColumnKind kind)
    {
        Kind = kind;
        Children = [];
    }

    public static ColumnType Boolean { get; } = new(ColumnKind.Boolean);
    public static ColumnType Int32 { get; } = new(ColumnKind.Int32);
    public static ColumnType Int64 { get; } = new(ColumnKind.Int64);
    public static ColumnType Float32 { get; } = new(ColumnKind.Float32);
    public static ColumnType Float64 { get; } = new(ColumnKind.Float64);
    public static ColumnType Date { get; } = new(ColumnKind.Date);
    public static ColumnType Time { get; } = new(ColumnKind.Time);
    public static ColumnType String { get; } = new(ColumnKind.String);
    public static ColumnType Binary { get; } = new(ColumnKind.Binary);
    public static ColumnType Uuid { get; } = new(ColumnKind.Uuid) { ByteWidth = 16 };

    public ColumnKind Kind { get; }

    /// <summary>Decimal precision (1..38); 0 for other kinds.</summary>
    public int Precision { get; private init; }

    /// <summary>Decimal scale; 0 for other kinds.</summary>
    public int Scale { get; private init; }

    /// <summary>Width in bytes of <see cref="ColumnKind.FixedBinary"/> and <see cref="ColumnKind.Uuid"/> values.</summary>
    public int ByteWidth { get; private init; }

    /// <summary>Unit of <see cref="ColumnKind.Timestamp"/> values.</summary>
    public TimeUnit Unit { get; private init; }

    /// <summary>Whether timestamps are instants (UTC-adjusted) rather than local date-times.</summary>
    public bool AdjustedToUtc { get; private init; }

    /// <summary>Struct fields; the element of a list; the key and value of a map.</summary>
    public IReadOnlyList<ColumnField> Children { get; private init; }

    public bool IsNested => Kind is ColumnKind.Struct or ColumnKind.List or ColumnKind.Map;

    public static ColumnType Decimal(int precision, int scale)
    {
        if (precision is < 1 or > 38 || scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), $"decimal({precision},{scale}) needs 1 <= precision <= 38 and 0 <= scale <= precision");
        }

        return new ColumnType(ColumnKind.Decimal) { Precision = precision, Scale = scale };
    }

    public static ColumnType Timestamp(TimeUnit unit, bool adjustedToUtc) =>
        new(ColumnKind.Timestamp) { Unit = unit, AdjustedToUtc = adjustedToUtc };

    public static ColumnType FixedBinary(int byteWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(byteWidth);
        return new ColumnType(ColumnKind.FixedBinary) { ByteWidth = byteWidth };
    }

    public static ColumnType Struct(params IReadOnlyList<ColumnField> fields) =>
        new(ColumnKind.Struct) { Children = [.. fields] };

    public static ColumnType List(ColumnField element) =>
        new(ColumnKind.List) { Children = [element] };

    public static ColumnType Map(ColumnField key, ColumnField value) =>
        new(ColumnKind.Map) { Children = [key, value] };

    public bool Equals(ColumnType? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null
            && Kind == other.Kind
            && Precision == other.Precision
            && Scale == other.Scale
            && ByteWidth == other.ByteWidth
            && Unit == other.Unit
            && AdjustedToUtc == other.AdjustedToUtc
            && Children.SequenceEqual(other.Children);
    }

    public override bool Equals(object? obj) => Equals(obj as ColumnType);

    public override int GetHashCode() => HashCode.Combine(Kind, Precision, Scale, ByteWidth, Unit, AdjustedToUtc, Children.Count);

    public override string ToString() => Kind switch
    {
        ColumnKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})"),
        ColumnKind.FixedBinary => string.Create(CultureInfo.InvariantCulture, $"fixed[{ByteWidth}]"),
        ColumnKind.Timestamp => $"timestamp{(AdjustedToUtc ? "tz" : string.Empty)}({Unit.ToString().ToLowerInvariant()})",
        ColumnKind.Struct => $"struct<{string.Join(", ", Children)}>",
        ColumnKind.List => $"list<{Children[0].Type}>",
        ColumnKind.Map => $"map<{Children[0].Type}, {Children[1].Type}>",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
