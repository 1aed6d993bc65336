namespace Floe.Avro.Schemas;

/// <summary>A primitive type (null, boolean, int, long, float, double, bytes, string), possibly with attributes.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    private static readonly PrimitiveSchema[] Plain =
    [
        new(AvroTypeKind.Null, null), new(AvroTypeKind.Boolean, null), new(AvroTypeKind.Int, null), new(AvroTypeKind.Long, null),
        new(AvroTypeKind.Float, null), new(AvroTypeKind.Double, null), new(AvroTypeKind.Bytes, null), new(AvroTypeKind.String, null),
    ];

    /// <summary>A primitive schema with attributes such as <c>logicalType</c>.</summary>
    public PrimitiveSchema(AvroTypeKind kind, IReadOnlyList<AvroProperty>? properties)
        : base(kind, properties)
    {
        if (kind > AvroTypeKind.String)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a primitive type");
        }

        LogicalType = AvroLogicalType.From(kind, Properties, 0);
    }

    /// <summary>The shared plain schema of <paramref name="kind"/>.</summary>
    public static PrimitiveSchema Of(AvroTypeKind kind) => Plain[(int)kind];

    /// <summary>A primitive annotated with <paramref name="logicalType"/> (date, timestamp-micros, uuid, ...).</summary>
    public static PrimitiveSchema WithLogicalType(AvroTypeKind kind, string logicalType) =>
        new(kind, [AvroProperty.Of("logicalType", logicalType)]);

    /// <summary>A <c>bytes</c> decimal.</summary>
    public static PrimitiveSchema Decimal(int precision, int scale) =>
        new(AvroTypeKind.Bytes, [AvroProperty.Of("logicalType", "decimal"), AvroProperty.Of("precision", precision), AvroProperty.Of("scale", scale)]);
}
