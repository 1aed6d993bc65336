namespace Floe.Avro.Schemas;

/// <summary>An array of <see cref="Items"/>.</summary>
public sealed class ArraySchema : AvroSchema
{
    public ArraySchema(AvroSchema items, IReadOnlyList<AvroProperty>? properties = null)
        : base(AvroTypeKind.Array, properties)
    {
        Items = items;
        LogicalType = AvroLogicalType.From(AvroTypeKind.Array, Properties, 0);
    }

    public AvroSchema Items { get; }
}
