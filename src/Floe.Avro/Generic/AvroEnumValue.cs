using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>An enum value of the generic datum model.</summary>
public sealed record AvroEnumValue(EnumSchema Schema, int Index)
{
    public string Symbol => Schema.Symbols[Index];

    public static AvroEnumValue Of(EnumSchema schema, string symbol)
    {
        int index = schema.IndexOf(symbol);
        return index >= 0 ? new AvroEnumValue(schema, index) : throw new ArgumentException($"'{symbol}' is not a symbol of enum '{schema.FullName}'", nameof(symbol));
    }

    public bool Equals(AvroEnumValue? other) => other is not null && other.Symbol == Symbol;

    public override int GetHashCode() => Symbol.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Symbol;
}
