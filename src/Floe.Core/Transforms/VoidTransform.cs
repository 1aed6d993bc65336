using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>Always null; replaces dropped partition fields in v1 tables, where partition field ids are positional.</summary>
public sealed class VoidTransform : Transform
{
    internal VoidTransform()
    {
    }

    internal override string DefaultNameSuffix => "_null";

    public override bool CanTransform(IcebergType sourceType) => true;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override Literal Apply(Literal value) => Literal.Null;

    public override string ToString() => "void";
}
