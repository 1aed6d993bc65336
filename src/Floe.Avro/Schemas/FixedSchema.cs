namespace Floe.Avro.Schemas;

/// <summary>A fixed: a named type of exactly <see cref="Size"/> bytes.</summary>
public sealed class FixedSchema : NamedSchema
{
    public FixedSchema(string name, int size, string? space = null, string? doc = null,
        IReadOnlyList<string>? aliases = null, IReadOnlyList<AvroProperty>? properties = null)
        : base(AvroTypeKind.Fixed, name, space, doc, aliases, properties)
    {
        if (size < 0)
        {
            throw new AvroException($"fixed '{FullName}' has a negative size {size}");
        }

        Size = size;
        LogicalType = AvroLogicalType.From(AvroTypeKind.Fixed, Properties, size);
    }

    public int Size { get; }
}
