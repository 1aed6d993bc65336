using Floe.Common.Errors;

namespace Floe.Core.Types;

/// <summary>A struct: an ordered list of uniquely named fields.</summary>
public sealed class StructType : IcebergType
{
    private readonly NestedField[] _fields;
    private Dictionary<string, NestedField>? _byName;
    private Dictionary<string, NestedField>? _byLowerName;

    public StructType(IEnumerable<NestedField> fields)
    {
        _fields = [.. fields];
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in _fields)
        {
            if (!names.Add(field.Name))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid struct: more than one field is named '{field.Name}'.");
            }
        }
    }

    public static StructType Of(params NestedField[] fields) => new(fields);

    public static StructType Empty { get; } = new([]);

    public override TypeId TypeId => TypeId.Struct;

    public IReadOnlyList<NestedField> Fields => _fields;

    public override IReadOnlyList<NestedField> ChildFields => _fields;

    /// <summary>The direct child with this id, or null.</summary>
    public NestedField? Field(int id) => Array.Find(_fields, f => f.Id == id);

    /// <summary>The direct child with this name (exact), or null.</summary>
    public NestedField? Field(string name)
    {
        _byName ??= _fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>The direct child with this name ignoring case, or null.</summary>
    public NestedField? FieldIgnoreCase(string name)
    {
        if (_byLowerName is null)
        {
            var map = new Dictionary<string, NestedField>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in _fields)
            {
                map.TryAdd(field.Name, field);
            }

            _byLowerName = map;
        }

        return _byLowerName.GetValueOrDefault(name);
    }

    public override bool Equals(IcebergType? other) =>
        other is StructType s && s._fields.AsSpan().SequenceEqual(_fields);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
        {
            hash.Add(field);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"struct<{string.Join(", ", _fields.Select(f => f.ToString()))}>";
}
