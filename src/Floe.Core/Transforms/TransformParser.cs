using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Core.Transforms;

internal static class TransformParser
{
    public static Transform Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        string lower = trimmed.ToLowerInvariant();
        switch (lower)
        {
            case "identity": return Transform.Identity;
            case "year" or "years": return Transform.Year;
            case "month" or "months": return Transform.Month;
            case "day" or "days" or "date": return Transform.Day;
            case "hour" or "hours" or "date_hour": return Transform.Hour;
            case "void" or "alwaysnull": return Transform.Void;
            default: break;
        }

        if (TryParameter(lower, "bucket", out int? buckets, out string? error))
        {
            return buckets is int n ? Transform.Bucket(n) : throw new FloeException(FloeErrorKind.InvalidArgument, error!);
        }

        if (TryParameter(lower, "truncate", out int? width, out error))
        {
            return width is int w ? Transform.Truncate(w) : throw new FloeException(FloeErrorKind.InvalidArgument, error!);
        }

        return new UnknownTransform(trimmed);
    }

    private static bool TryParameter(string text, string name, out int? value, out string? error)
    {
        value = null;
        error = null;
        if (!text.StartsWith(name + "[", StringComparison.Ordinal) || !text.EndsWith(']'))
        {
            return false;
        }

        string inner = text[(name.Length + 1)..^1].Trim();
        if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0)
        {
            value = parsed;
        }
        else
        {
            error = $"Invalid transform '{text}': the {name} parameter must be a positive integer.";
        }

        return true;
    }
}
