using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>A fixed value of the generic datum model.</summary>
public sealed class AvroFixed : IEquatable<AvroFixed>
{
    public AvroFixed(FixedSchema schema, byte[] value)
    {
        if (value.Length != schema.Size)
        {
            throw new ArgumentException($"fixed '{schema.FullName}' holds {schema.Size} bytes, got {value.Length}", nameof(value));
        }

        Schema = schema;
        Value = value;
    }

    public FixedSchema Schema { get; }

    public byte[] Value { get; }

    public bool Equals(AvroFixed? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override bool Equals(object? obj) => Equals(obj as AvroFixed);

    public override int GetHashCode() => Value.Length;

    public override string ToString() => Convert.ToHexString(Value);
}
