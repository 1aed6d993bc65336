using System.Globalization;
using Floe.Core.Types;

namespace Floe.Core.Values;

public readonly partial struct Literal
{
    /// <summary>A readable form: numbers invariant, decimals plain, dates/times ISO, bytes hex, null as "null".</summary>
    public override string ToString()
    {
        if (IsNull)
        {
            return "null";
        }

        return TypeId switch
        {
            TypeId.Boolean => AsBoolean() ? "true" : "false",
            TypeId.Int or TypeId.Long => _bits.ToString(CultureInfo.InvariantCulture),
            TypeId.Float => AsFloat().ToString("R", CultureInfo.InvariantCulture),
            TypeId.Double => AsDouble().ToString("R", CultureInfo.InvariantCulture),
            TypeId.Decimal => LiteralText.FormatDecimal(DecimalUnscaled, _scale),
            TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampTz or TypeId.TimestampNs or TypeId.TimestampTzNs =>
                FormatTemporal(TypeId, _bits),
            TypeId.String => AsString(),
            TypeId.Uuid => AsUuid().ToString("D"),
            _ => LiteralText.FormatHex(AsBytes()),
        };
    }

    private static string FormatTemporal(TypeId type, long bits)
    {
        try
        {
            return type switch
            {
                TypeId.Date => LiteralText.FormatDate(checked((int)bits)),
                TypeId.Time => LiteralText.FormatTime(bits),
                TypeId.Timestamp => LiteralText.FormatTimestamp(bits, false),
                TypeId.TimestampTz => LiteralText.FormatTimestamp(bits, true),
                TypeId.TimestampNs => LiteralText.FormatTimestamp(bits, false, nanos: true),
                _ => LiteralText.FormatTimestamp(bits, true, nanos: true),
            };
        }
        catch (Common.Errors.FloeException)
        {
            // Outside the calendar range .NET can print: show the raw number rather than fail.
            return bits.ToString(CultureInfo.InvariantCulture);
        }
    }
}
