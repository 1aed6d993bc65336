using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>The source value unchanged.</summary>
public sealed class IdentityTransform : Transform
{
    internal IdentityTransform()
    {
    }

    public override bool PreservesOrder => true;

    internal override string DefaultNameSuffix => "";

    public override bool CanTransform(IcebergType sourceType) => sourceType.IsPrimitive;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override Literal Apply(Literal value) => value;

    public override string ToString() => "identity";
}
