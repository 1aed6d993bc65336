using System.Text;
using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Transforms;

/// <summary>
/// truncate[W]: integers and decimal unscaled values round down to a multiple of W (floor, also for negatives);
/// strings keep their first W code points and binary values their first W bytes.
/// </summary>
public sealed class TruncateTransform : Transform
{
    internal TruncateTransform(int width)
    {
        if (width <= 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid truncate width {width}: must be positive.");
        }

        Width = width;
    }

    public int Width { get; }

    public override bool PreservesOrder => true;

    internal override string DefaultNameSuffix => "_trunc";

    public override bool CanTransform(IcebergType sourceType) =>
        sourceType.TypeId is TypeId.Int or TypeId.Long or TypeId.Decimal or TypeId.String or TypeId.Binary;

    public override IcebergType ResultType(IcebergType sourceType) => sourceType;

    public override Literal Apply(Literal value)
    {
        if (value.IsNull)
        {
            return Literal.Null;
        }

        switch (value.TypeId)
        {
            case TypeId.Int:
                int i = value.AsInt();
                return Literal.Of(i - (int)DateTimeUtil.FloorMod(i, Width));
            case TypeId.Long:
                long l = value.AsLong();
                return Literal.Of(l - DateTimeUtil.FloorMod(l, Width));
            case TypeId.Decimal:
                Int128 unscaled = value.DecimalUnscaled;
                Int128 remainder = unscaled % Width;
                if (remainder < 0)
                {
                    remainder += Width;
                }

                return Literal.OfDecimal(unscaled - remainder, value.DecimalScale);
            case TypeId.String:
                string s = value.AsString();
                int end = CodePointPrefixLength(s, Width);
                return end == s.Length ? value : Literal.Of(s[..end]);
            case TypeId.Binary:
                var bytes = value.AsBytes();
                return bytes.Length <= Width ? value : Literal.OfBinary(bytes[..Width].ToArray());
            default:
                throw new FloeException(FloeErrorKind.InvalidArgument,
                    $"Cannot truncate a {value.TypeId.ToString().ToLowerInvariant()} value.");
        }
    }

    /// <summary>The UTF-16 length of the first <paramref name="codePoints"/> code points (surrogate pairs count once).</summary>
    public static int CodePointPrefixLength(string value, int codePoints)
    {
        int index = 0;
        for (int n = 0; n < codePoints && index < value.Length; n++)
        {
            index += char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The UTF-8 byte length of the first <paramref name="codePoints"/> code points of UTF-8 text.</summary>
    public static int Utf8CodePointPrefixLength(ReadOnlySpan<byte> utf8, int codePoints)
    {
        int index = 0;
        for (int n = 0; n < codePoints && index < utf8.Length; n++)
        {
            Rune.DecodeFromUtf8(utf8[index..], out _, out int consumed);
            index += consumed;
        }

        return index;
    }

    public override string ToString() => $"truncate[{Width}]";
}
