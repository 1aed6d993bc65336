using System.Text.Json;

namespace Floe.Avro.Schemas;

/// <summary>
/// A schema or field attribute that is not part of Avro's structure (<c>logicalType</c>, <c>precision</c>, Iceberg's
/// <c>field-id</c>, ...). Kept in the order it was read so that writing the schema gives the same JSON.
/// </summary>
public readonly record struct AvroProperty(string Name, JsonElement Value)
{
    /// <summary>A property with an integer value.</summary>
    public static AvroProperty Of(string name, long value) => new(name, JsonSerializer.SerializeToElement(value));

    /// <summary>A property with a string value.</summary>
    public static AvroProperty Of(string name, string value) => new(name, JsonSerializer.SerializeToElement(value));

    /// <summary>A property with a boolean value.</summary>
    public static AvroProperty Of(string name, bool value) => new(name, JsonSerializer.SerializeToElement(value));
}
