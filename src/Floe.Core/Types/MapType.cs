namespace Floe.Core.Types;

/// <summary>A map with a required key field (<c>key</c>) and a value field (<c>value</c>), each with its own id.</summary>
public sealed class MapType : IcebergType
{
    public MapType(int keyId, IcebergType keyType, int valueId, IcebergType valueType, bool isValueRequired)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        ArgumentNullException.ThrowIfNull(valueType);
        KeyField = new NestedField(keyId, "key", true, keyType);
        ValueField = new NestedField(valueId, "value", isValueRequired, valueType);
    }

    public static MapType OfRequired(int keyId, IcebergType keyType, int valueId, IcebergType valueType) =>
        new(keyId, keyType, valueId, valueType, true);

    public static MapType OfOptional(int keyId, IcebergType keyType, int valueId, IcebergType valueType) =>
        new(keyId, keyType, valueId, valueType, false);

    public override TypeId TypeId => TypeId.Map;

    public NestedField KeyField { get; }

    public NestedField ValueField { get; }

    public int KeyId => KeyField.Id;

    public int ValueId => ValueField.Id;

    public IcebergType KeyType => KeyField.Type;

    public IcebergType ValueType => ValueField.Type;

    public bool IsValueRequired => ValueField.IsRequired;

    public override IReadOnlyList<NestedField> ChildFields => [KeyField, ValueField];

    public override bool Equals(IcebergType? other) =>
        other is MapType m && m.KeyField.Equals(KeyField) && m.ValueField.Equals(ValueField);

    public override int GetHashCode() => HashCode.Combine(TypeId.Map, KeyField, ValueField);

    public override string ToString() => $"map<{KeyType}, {ValueType}>";
}
