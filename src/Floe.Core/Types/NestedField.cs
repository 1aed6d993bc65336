using Floe.Common.Errors;
using Floe.Core.Values;

namespace Floe.Core.Types;

/// <summary>
/// A field of a struct (or a list element, map key or map value) with its table-unique id.
/// </summary>
public sealed class NestedField : IEquatable<NestedField>
{
    public NestedField(int id, string name, bool isRequired, IcebergType type, string? doc = null,
        Literal? initialDefault = null, Literal? writeDefault = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        if (id < 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid field id {id} for field '{name}': ids are non-negative.");
        }

        if (name.Length == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Field {id} has an empty name.");
        }

        CheckDefault(id, name, type, initialDefault, "initial-default");
        CheckDefault(id, name, type, writeDefault, "write-default");
        Id = id;
        Name = name;
        IsRequired = isRequired;
        Type = type;
        Doc = doc;
        InitialDefault = initialDefault is { IsNull: false } ? initialDefault : null;
        WriteDefault = writeDefault is { IsNull: false } ? writeDefault : null;
    }

    public static NestedField Required(int id, string name, IcebergType type, string? doc = null) =>
        new(id, name, true, type, doc);

    public static NestedField Optional(int id, string name, IcebergType type, string? doc = null) =>
        new(id, name, false, type, doc);

    /// <summary>The field id, unique within a table schema.</summary>
    public int Id { get; }

    public string Name { get; }

    public bool IsRequired { get; }

    public bool IsOptional => !IsRequired;

    public IcebergType Type { get; }

    public string? Doc { get; }

    /// <summary>The value of this field in rows written before the field existed (v3 feature).</summary>
    public Literal? InitialDefault { get; }

    /// <summary>The value writers use when a row does not supply this field (v3 feature).</summary>
    public Literal? WriteDefault { get; }

    public NestedField WithId(int id) => new(id, Name, IsRequired, Type, Doc, InitialDefault, WriteDefault);

    public NestedField WithName(string name) => new(Id, name, IsRequired, Type, Doc, InitialDefault, WriteDefault);

    public NestedField WithType(IcebergType type) => new(Id, Name, IsRequired, type, Doc, InitialDefault, WriteDefault);

    public NestedField WithRequired(bool isRequired) => new(Id, Name, isRequired, Type, Doc, InitialDefault, WriteDefault);

    public NestedField WithDoc(string? doc) => new(Id, Name, IsRequired, Type, doc, InitialDefault, WriteDefault);

    public bool Equals(NestedField? other) =>
        other is not null && other.Id == Id && other.Name == Name && other.IsRequired == IsRequired
        && other.Type.Equals(Type) && other.Doc == Doc
        && Nullable.Equals(other.InitialDefault, InitialDefault) && Nullable.Equals(other.WriteDefault, WriteDefault);

    public override bool Equals(object? obj) => obj is NestedField other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, Name, IsRequired, Type);

    public override string ToString() =>
        $"{Id}: {Name}: {(IsRequired ? "required" : "optional")} {Type}{(Doc is null ? "" : $" ({Doc})")}";

    private static void CheckDefault(int id, string name, IcebergType type, Literal? value, string what)
    {
        if (value is not { IsNull: false } literal)
        {
            return;
        }

        if (type is not PrimitiveType primitive || !literal.IsCompatibleWith(primitive))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid {what} for field {id} '{name}': {literal} is not a value of type {type}.");
        }
    }
}
