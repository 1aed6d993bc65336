using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Optimizing.Config;

/// <summary>Reads typed <c>self-optimizing.*</c> values (or their <c>optimize.*</c> spelling) with errors that name the key.</summary>
internal sealed class PropertyReader(IReadOnlyDictionary<string, string> properties)
{
    public string? Raw(string key, out string usedKey)
    {
        usedKey = key;
        if (properties.TryGetValue(key, out string? value))
        {
            return value;
        }

        string legacy = OptimizingProperties.LegacyPrefix + key[OptimizingProperties.Prefix.Length..];
        if (properties.TryGetValue(legacy, out value))
        {
            usedKey = legacy;
            return value;
        }

        return null;
    }

    public string String(string key, string defaultValue) => Raw(key, out _) is { } value ? value.Trim() : defaultValue;

    public bool Bool(string key, bool defaultValue)
    {
        string? text = Raw(key, out string used);
        if (text is null)
        {
            return defaultValue;
        }

        return text.Trim().ToUpperInvariant() switch
        {
            "TRUE" => true,
            "FALSE" => false,
            _ => throw Invalid(used, text, "true or false"),
        };
    }

    public long Long(string key, long defaultValue, long min, string expected)
    {
        string? text = Raw(key, out string used);
        if (text is null)
        {
            return defaultValue;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < min)
        {
            throw Invalid(used, text, expected);
        }

        return value;
    }

    public int Int(string key, int defaultValue, int min, string expected)
    {
        long value = Long(key, defaultValue, min, expected);
        return value <= int.MaxValue ? (int)value : throw Invalid(Used(key), Raw(key, out _)!, expected);
    }

    private string Used(string key)
    {
        _ = Raw(key, out string used);
        return used;
    }

    public double Double(string key, double defaultValue, double minExclusive, string expected)
    {
        string? text = Raw(key, out string used);
        if (text is null)
        {
            return defaultValue;
        }

        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value) || value <= minExclusive)
        {
            throw Invalid(used, text, expected);
        }

        return value;
    }

    /// <summary>An interval in milliseconds where any negative value means "off" (kept as -1).</summary>
    public long Interval(string key, long defaultValue)
    {
        long value = Long(key, defaultValue, long.MinValue, "a whole number of milliseconds (negative to disable)");
        return value < 0 ? -1 : value;
    }

    public static FloeException Invalid(string key, string text, string expected) =>
        new(FloeErrorKind.InvalidArgument, $"Invalid table property {key}='{text}': expected {expected}.");
}
