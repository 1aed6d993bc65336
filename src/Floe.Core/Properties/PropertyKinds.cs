using System.Globalization;

namespace Floe.Core.Properties;

/// <summary><c>true</c> or <c>false</c>, in any case.</summary>
public sealed class BoolProperty(string key, bool defaultValue, string group, string description)
    : TableProperty<bool>(key, defaultValue, group, description)
{
    public override string Allowed => "true or false";

    protected override bool TryParse(string text, out bool value) => bool.TryParse(text, out value);

    protected override string Format(bool value) => value ? "true" : "false";
}

/// <summary>A whole number within bounds; <paramref name="unit"/> (bytes, ms, minutes) names what it counts.</summary>
public sealed class LongProperty(string key, long defaultValue, string group, string description, long min = 0, long max = long.MaxValue, string? unit = null)
    : TableProperty<long>(key, defaultValue, group, description)
{
    public long Min => min;

    public long Max => max;

    public override string Allowed => PropertyText.WholeNumber(min, max, unit);

    protected override bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}

/// <summary>A whole number within the range of <see cref="int"/> and bounds.</summary>
public sealed class IntProperty(string key, int defaultValue, string group, string description, int min = 0, int max = int.MaxValue, string? unit = null)
    : TableProperty<int>(key, defaultValue, group, description)
{
    public override string Allowed => PropertyText.WholeNumber(min, max, unit);

    protected override bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}

/// <summary>A whole number within bounds that has no default (the reader picks one when it is absent).</summary>
public sealed class OptionalIntProperty(string key, string group, string description, int min = 0, int max = int.MaxValue)
    : TableProperty<int?>(key, null, group, description)
{
    public override string Allowed => PropertyText.WholeNumber(min, max, null);

    protected override bool TryParse(string text, out int? value)
    {
        bool ok = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed) && parsed >= min && parsed <= max;
        value = ok ? parsed : null;
        return ok;
    }
}

/// <summary>A finite number above <paramref name="above"/> (or from it, when <paramref name="inclusive"/>) and at most <paramref name="max"/>.</summary>
public sealed class DoubleProperty(string key, double defaultValue, string group, string description, double above, bool inclusive = false, double max = double.MaxValue)
    : TableProperty<double>(key, defaultValue, group, description)
{
    public override string Allowed =>
        PropertyText.Invariant($"a number {(inclusive ? ">=" : ">")} {above}{(max < double.MaxValue ? PropertyText.Invariant($" and <= {max}") : "")}");

    protected override bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && (inclusive ? value >= above : value > above) && value <= max;
}

/// <summary>A duration in milliseconds where any negative value turns the behaviour off (read as -1).</summary>
public sealed class IntervalProperty(string key, long defaultValue, string group, string description)
    : TableProperty<long>(key, defaultValue, group, description)
{
    public override string Allowed => "a whole number of milliseconds (negative to disable)";

    protected override bool TryParse(string text, out long value)
    {
        bool ok = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        value = ok && value < 0 ? -1 : value;
        return ok;
    }
}

/// <summary>One of a fixed set of names, in any case; reads as the name in lower case.</summary>
public sealed class ChoiceProperty(string key, string defaultValue, string group, string description, params string[] choices)
    : TableProperty<string>(key, defaultValue, group, description)
{
    public IReadOnlyList<string> Choices => choices;

    public override string Allowed => PropertyText.OneOf(choices);

    protected override bool TryParse(string text, out string value)
    {
        value = text.ToLowerInvariant();
        return choices.Contains(value, StringComparer.Ordinal);
    }
}

/// <summary>Free text (a name, a path, a list); optionally required to be non-empty.</summary>
public sealed class TextProperty(string key, string? defaultValue, string group, string description, bool nonEmpty = false, string what = "text")
    : TableProperty<string?>(key, defaultValue, group, description)
{
    public override string Allowed => nonEmpty ? $"non-empty {what}" : what;

    protected override bool TryParse(string text, out string? value)
    {
        value = text;
        return !nonEmpty || text.Length > 0;
    }
}

/// <summary>A bucket count: a power of two from 1 to 65536.</summary>
public sealed class BucketCountProperty(string key, int defaultValue, string group, string description)
    : TableProperty<int>(key, defaultValue, group, description)
{
    public const int MaxBuckets = 65536;

    public override string Allowed => "a power of two from 1 to 65536";

    public static bool IsValid(int buckets) => buckets is >= 1 and <= MaxBuckets && int.IsPow2(buckets);

    protected override bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && IsValid(value);
}

/// <summary>A metrics mode (<c>none</c>, <c>counts</c>, <c>truncate(n)</c>, <c>full</c>); no default means "inferred".</summary>
public sealed class MetricsModeProperty(string key, string group, string description)
    : TableProperty<MetricsMode?>(key, null, group, description)
{
    public override string Allowed => "none, counts, truncate(n) with n > 0, or full";

    protected override bool TryParse(string text, out MetricsMode? value)
    {
        value = MetricsMode.TryParse(text, out MetricsMode mode) ? mode : null;
        return value is not null;
    }
}

internal static class PropertyText
{
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string WholeNumber(long min, long max, string? unit)
    {
        string range = max is long.MaxValue or int.MaxValue
            ? Invariant($"a whole number from {min}")
            : Invariant($"a whole number from {min} to {max}");
        return unit is null ? range : $"{range} ({unit})";
    }

    public static string OneOf(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : string.Join(", ", choices.Take(choices.Count - 1)) + " or " + choices[^1];
}

/// <summary>
/// A duration as Amoro writes it: a whole number with a unit (<c>ms</c>, <c>s</c>, <c>min</c>, <c>h</c>, <c>d</c> or
/// their long forms such as <c>minutes</c>), or a bare number of milliseconds.
/// </summary>
public sealed class DurationProperty(string key, TimeSpan defaultValue, string defaultText, string group, string description)
    : TableProperty<TimeSpan>(key, defaultValue, group, description)
{
    public override string Allowed => "a duration such as 30s, 720min, 12h or 7d (a bare number is milliseconds)";

    protected override bool TryParse(string text, out TimeSpan value) => DurationText.TryParse(text, out value);

    protected override string Format(TimeSpan value) => defaultText;
}

/// <summary>Parses Amoro's duration text (<c>720min</c>, <c>1d</c>).</summary>
public static class DurationText
{
    private static readonly (string[] Names, long Millis)[] Units =
    [
        (["ms", "milli", "millis", "millisecond", "milliseconds"], 1),
        (["s", "sec", "secs", "second", "seconds"], 1000),
        (["m", "min", "mins", "minute", "minutes"], 60_000),
        (["h", "hour", "hours"], 3_600_000),
        (["d", "day", "days"], 86_400_000),
    ];

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        string trimmed = text.Trim();
        int digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long amount))
        {
            return false;
        }

        string unit = trimmed[digits..].Trim().ToLowerInvariant();
        long millis = unit.Length == 0 ? 1 : Units.FirstOrDefault(u => u.Names.Contains(unit)).Millis;
        if (millis == 0 || amount > TimeSpan.MaxValue.TotalMilliseconds / 2 / millis)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(amount * millis);
        return true;
    }
}

/// <summary>A .NET/Java date-time pattern (<c>yyyy-MM-dd</c>) that can format a date; text without one is refused.</summary>
public sealed class DatePatternProperty(string key, string defaultValue, string group, string description)
    : TableProperty<string>(key, defaultValue, group, description)
{
    public override string Allowed => "a date-time pattern such as yyyy-MM-dd or yyyyMMddHH";

    protected override bool TryParse(string text, out string value)
    {
        value = text;
        if (text.Length == 0 || !text.Contains('y', StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            string sample = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).ToString(text, CultureInfo.InvariantCulture);
            return DateTime.TryParseExact(sample, text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out _);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
