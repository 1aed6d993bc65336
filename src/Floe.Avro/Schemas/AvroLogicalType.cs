namespace Floe.Avro.Schemas;

/// <summary>
/// The logical type annotating a schema (<c>"logicalType"</c>). Unknown names are kept as they are; a logical type whose
/// underlying type does not fit (for example <c>date</c> on a string) is reported by <see cref="IsValid"/> and otherwise
/// treated as its underlying type, as the specification says.
/// </summary>
public sealed record AvroLogicalType(string Name, int Precision, int Scale, bool IsValid)
{
    public const string Decimal = "decimal";
    public const string Uuid = "uuid";
    public const string Date = "date";
    public const string TimeMillis = "time-millis";
    public const string TimeMicros = "time-micros";
    public const string TimestampMillis = "timestamp-millis";
    public const string TimestampMicros = "timestamp-micros";
    public const string TimestampNanos = "timestamp-nanos";
    public const string LocalTimestampMillis = "local-timestamp-millis";
    public const string LocalTimestampMicros = "local-timestamp-micros";
    public const string LocalTimestampNanos = "local-timestamp-nanos";
    public const string Duration = "duration";

    /// <summary>Reads the logical type from a schema's attributes; null when there is none.</summary>
    internal static AvroLogicalType? From(AvroTypeKind kind, IReadOnlyList<AvroProperty> properties, int fixedSize)
    {
        string? name = AvroProperties.GetString(properties, "logicalType");
        if (name is null)
        {
            return null;
        }

        long precision = AvroProperties.GetInt64(properties, "precision") ?? 0;
        long scale = AvroProperties.GetInt64(properties, "scale") ?? 0;
        bool valid = name switch
        {
            Decimal => (kind == AvroTypeKind.Bytes || kind == AvroTypeKind.Fixed)
                && precision > 0 && scale >= 0 && scale <= precision
                && (kind != AvroTypeKind.Fixed || precision <= MaxDecimalPrecision(fixedSize)),
            Uuid => kind == AvroTypeKind.String || (kind == AvroTypeKind.Fixed && fixedSize == 16),
            Date or TimeMillis => kind == AvroTypeKind.Int,
            TimeMicros or TimestampMillis or TimestampMicros or TimestampNanos
                or LocalTimestampMillis or LocalTimestampMicros or LocalTimestampNanos => kind == AvroTypeKind.Long,
            Duration => kind == AvroTypeKind.Fixed && fixedSize == 12,
            _ => true,
        };
        return new AvroLogicalType(name, (int)Math.Clamp(precision, 0, int.MaxValue), (int)Math.Clamp(scale, 0, int.MaxValue), valid);
    }

    /// <summary>The largest decimal precision a two's-complement value of <paramref name="size"/> bytes can hold.</summary>
    public static int MaxDecimalPrecision(int size) =>
        size <= 0 ? 0 : size >= 128 ? int.MaxValue : (int)Math.Floor(Math.Log10(Math.Pow(2, (8 * size) - 1) - 1));
}
