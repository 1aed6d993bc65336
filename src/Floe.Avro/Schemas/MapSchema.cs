namespace Floe.Avro.Schemas;

/// <summary>A map from strings to <see cref="Values"/>.</summary>
public sealed class MapSchema : AvroSchema
{
    public MapSchema(AvroSchema values, IReadOnlyList<AvroProperty>? properties = null)
        : base(AvroTypeKind.Map, properties)
    {
        Values = values;
        LogicalType = AvroLogicalType.From(AvroTypeKind.Map, Properties, 0);
    }

    public AvroSchema Values { get; }
}
