namespace Floe.Avro.Schemas;

/// <summary>
/// An Avro schema. Parse one with <see cref="Parse"/>, write it back with <see cref="ToJson"/>; custom attributes
/// (<see cref="Properties"/>) are preserved in order.
/// </summary>
public abstract class AvroSchema
{
    private protected AvroSchema(AvroTypeKind kind, IReadOnlyList<AvroProperty>? properties)
    {
        Kind = kind;
        Properties = properties ?? [];
    }

    /// <summary>The Avro type.</summary>
    public AvroTypeKind Kind { get; }

    /// <summary>Attributes beyond Avro's structure, in their original order (including <c>logicalType</c>).</summary>
    public IReadOnlyList<AvroProperty> Properties { get; }

    /// <summary>The logical type annotation, or null.</summary>
    public AvroLogicalType? LogicalType { get; private protected set; }

    /// <summary>True for the eight primitive types.</summary>
    public bool IsPrimitive => Kind <= AvroTypeKind.String;

    /// <summary>The name used in messages and union branch matching: the full name of a named type, else the type name.</summary>
    public virtual string DisplayName => AvroSchemaNames.TypeName(Kind);

    /// <summary>Parses schema JSON. Schemas are immutable, so the same text gives the same (cached) schema.</summary>
    /// <exception cref="AvroException">The JSON is not a valid Avro schema.</exception>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ParsedSchemas.GetOrParse(json);
    }

    /// <summary>Writes the schema as JSON (compact unless <paramref name="indented"/>), the way Avro's Java library writes it.</summary>
    public string ToJson(bool indented = false) => AvroSchemaWriter.Write(this, indented);

    /// <inheritdoc />
    public override string ToString() => ToJson();

    /// <summary>The plain schema of a primitive type.</summary>
    public static PrimitiveSchema Primitive(AvroTypeKind kind) => PrimitiveSchema.Of(kind);

    /// <summary>The property value of <paramref name="name"/> as an integer (for example Iceberg's <c>element-id</c>).</summary>
    public long? GetIntProperty(string name) => AvroProperties.GetInt64(Properties, name);
}
