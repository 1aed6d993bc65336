using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>
/// A transform this version does not know (for example from a newer writer). It is kept so metadata round-trips,
/// ignored for filtering, and cannot be applied: writers must never commit with it.
/// </summary>
public sealed class UnknownTransform : Transform
{
    private readonly string _name;

    internal UnknownTransform(string name) => _name = name;

    internal override string DefaultNameSuffix => "_" + _name;

    public override bool CanTransform(IcebergType sourceType) => true;

    public override IcebergType ResultType(IcebergType sourceType) => PrimitiveType.String;

    public override Literal Apply(Literal value) =>
        throw new FloeException(FloeErrorKind.Unsupported, $"Cannot apply unknown transform '{_name}'.");

    public override string ToString() => _name;
}
