using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>The v2 type promotions: int to long, float to double, and decimal(P,S) to decimal(P',S) with P' &gt; P.</summary>
public static class TypePromotion
{
    public static bool IsAllowed(PrimitiveType from, PrimitiveType to)
    {
        if (from.Equals(to))
        {
            return true;
        }

        return (from.TypeId, to.TypeId) switch
        {
            (TypeId.Int, TypeId.Long) => true,
            (TypeId.Float, TypeId.Double) => true,
            (TypeId.Decimal, TypeId.Decimal) => to.Scale == from.Scale && to.Precision > from.Precision,
            _ => false,
        };
    }
}
