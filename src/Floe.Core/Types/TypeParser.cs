using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Core.Types;

/// <summary>Parses primitive type strings, accepting optional whitespace inside parameters as the spec requires.</summary>
internal static class TypeParser
{
    public static PrimitiveType ParsePrimitive(string text)
    {
        if (!TryParsePrimitive(text, out var type, out string? error))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, error!);
        }

        return type!;
    }

    public static bool TryParsePrimitive(string text, out PrimitiveType? type, out string? error)
    {
        type = null;
        error = null;
        // Type names are case-insensitive on read, as in the Java implementation; they are always written in lowercase.
        string trimmed = text.Trim().ToLowerInvariant();
        switch (trimmed)
        {
            case "boolean": type = PrimitiveType.Boolean; return true;
            case "int": type = PrimitiveType.Int; return true;
            case "long": type = PrimitiveType.Long; return true;
            case "float": type = PrimitiveType.Float; return true;
            case "double": type = PrimitiveType.Double; return true;
            case "date": type = PrimitiveType.Date; return true;
            case "time": type = PrimitiveType.Time; return true;
            case "timestamp": type = PrimitiveType.Timestamp; return true;
            case "timestamptz": type = PrimitiveType.TimestampTz; return true;
            case "timestamp_ns": type = PrimitiveType.TimestampNs; return true;
            case "timestamptz_ns": type = PrimitiveType.TimestampTzNs; return true;
            case "string": type = PrimitiveType.String; return true;
            case "uuid": type = PrimitiveType.Uuid; return true;
            case "binary": type = PrimitiveType.Binary; return true;
            default: break;
        }

        if (trimmed.StartsWith("decimal", StringComparison.Ordinal))
        {
            var args = Arguments(trimmed.AsSpan(7), '(', ')');
            if (args is { Count: 2 } && TryInt(args[0], out int p) && TryInt(args[1], out int s)
                && p is >= 1 and <= PrimitiveType.MaxDecimalPrecision && s >= 0 && s <= p)
            {
                type = PrimitiveType.Decimal(p, s);
                return true;
            }

            error = $"Invalid decimal type '{text}': expected decimal(P, S) with 1 <= P <= 38 and 0 <= S <= P.";
            return false;
        }

        if (trimmed.StartsWith("fixed", StringComparison.Ordinal))
        {
            var args = Arguments(trimmed.AsSpan(5), '[', ']');
            if (args is { Count: 1 } && TryInt(args[0], out int length) && length >= 1)
            {
                type = PrimitiveType.Fixed(length);
                return true;
            }

            error = $"Invalid fixed type '{text}': expected fixed[L] with L >= 1.";
            return false;
        }

        error = $"Unknown Iceberg type '{text}'.";
        return false;
    }

    private static List<string>? Arguments(ReadOnlySpan<char> rest, char open, char close)
    {
        rest = rest.Trim();
        if (rest.Length < 2 || rest[0] != open || rest[^1] != close)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var range in rest[1..^1].Split(','))
        {
            parts.Add(rest[1..^1][range].Trim().ToString());
        }

        return parts;
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
