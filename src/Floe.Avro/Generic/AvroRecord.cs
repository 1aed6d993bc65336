using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>A record value of the generic datum model: the schema and one value per field, in field order.</summary>
public sealed class AvroRecord : IEquatable<AvroRecord>
{
    public AvroRecord(RecordSchema schema)
    {
        Schema = schema;
        Values = new object?[schema.Fields.Count];
    }

    public AvroRecord(RecordSchema schema, object?[] values)
    {
        if (values.Length != schema.Fields.Count)
        {
            throw new ArgumentException($"record '{schema.FullName}' has {schema.Fields.Count} fields, got {values.Length} values", nameof(values));
        }

        Schema = schema;
        Values = values;
    }

    public RecordSchema Schema { get; }

    /// <summary>The field values in field order (see the generic datum model in <see cref="AvroDatum"/>).</summary>
    public object?[] Values { get; }

    public object? this[int index]
    {
        get => Values[index];
        set => Values[index] = value;
    }

    /// <summary>The value of the field named <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get => Values[IndexOf(name)];
        set => Values[IndexOf(name)] = value;
    }

    private int IndexOf(string name)
    {
        int index = Schema.IndexOf(name);
        return index >= 0 ? index : throw new KeyNotFoundException($"record '{Schema.FullName}' has no field '{name}'");
    }

    public bool Equals(AvroRecord? other) =>
        other is not null && other.Schema.FullName == Schema.FullName && AvroDatum.ValuesEqual(Values, other.Values);

    public override bool Equals(object? obj) => Equals(obj as AvroRecord);

    public override int GetHashCode() => HashCode.Combine(Schema.FullName, Values.Length);

    public override string ToString() => AvroDatum.ToDisplayString(this);
}
