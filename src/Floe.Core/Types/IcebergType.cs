using Floe.Common.Errors;

namespace Floe.Core.Types;

/// <summary>An Iceberg type: a <see cref="PrimitiveType"/> or a nested <see cref="StructType"/>, <see cref="ListType"/> or <see cref="MapType"/>.</summary>
/// <remarks>Types are immutable and compare by value.</remarks>
public abstract class IcebergType : IEquatable<IcebergType>
{
    private protected IcebergType()
    {
    }

    /// <summary>The kind of this type.</summary>
    public abstract TypeId TypeId { get; }

    /// <summary>True for every type except struct, list and map.</summary>
    public bool IsPrimitive => TypeId < TypeId.Struct;

    /// <summary>True for struct, list and map.</summary>
    public bool IsNested => !IsPrimitive;

    /// <summary>The fields directly inside this type (struct fields, list element, map key and value); empty for primitives.</summary>
    public abstract IReadOnlyList<NestedField> ChildFields { get; }

    public PrimitiveType AsPrimitive() => this as PrimitiveType
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {this} is not a primitive type.");

    public StructType AsStruct() => this as StructType
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {this} is not a struct.");

    public ListType AsList() => this as ListType
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {this} is not a list.");

    public MapType AsMap() => this as MapType
        ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Type {this} is not a map.");

    public abstract bool Equals(IcebergType? other);

    public override bool Equals(object? obj) => obj is IcebergType other && Equals(other);

    public abstract override int GetHashCode();

    public static bool operator ==(IcebergType? left, IcebergType? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(IcebergType? left, IcebergType? right) => !(left == right);
}
