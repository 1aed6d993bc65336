using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Table.Data.Metrics;

/// <summary>What a data file's manifest entry records about one column (Iceberg's metrics modes).</summary>
public enum MetricsKind
{
    /// <summary>Nothing: no sizes, counts or bounds.</summary>
    None,

    /// <summary>Column sizes and value, null and NaN counts.</summary>
    Counts,

    /// <summary>Counts plus lower and upper bounds, string and binary bounds cut to a length.</summary>
    Truncate,

    /// <summary>Counts plus exact bounds.</summary>
    Full,
}

/// <summary>A metrics mode as written in table properties: <c>none</c>, <c>counts</c>, <c>truncate(n)</c>, <c>full</c>.</summary>
public readonly record struct MetricsMode(MetricsKind Kind, int TruncateLength = 0)
{
    /// <summary>The default, <c>truncate(16)</c>.</summary>
    public static MetricsMode Default { get; } = new(MetricsKind.Truncate, 16);

    public static MetricsMode None { get; } = new(MetricsKind.None);

    public static MetricsMode Counts { get; } = new(MetricsKind.Counts);

    public static MetricsMode Full { get; } = new(MetricsKind.Full);

    /// <summary>Whether bounds are kept.</summary>
    public bool HasBounds => Kind is MetricsKind.Truncate or MetricsKind.Full;

    /// <summary>Parses a mode (case-insensitive); anything else is an <see cref="FloeErrorKind.InvalidArgument"/> error.</summary>
    public static MetricsMode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string mode = text.Trim().ToLowerInvariant();
        switch (mode)
        {
            case "none": return None;
            case "counts": return Counts;
            case "full": return Full;
        }

        if (mode.StartsWith("truncate(", StringComparison.Ordinal) && mode.EndsWith(')'))
        {
            string digits = mode["truncate(".Length..^1];
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int length) && length > 0)
            {
                return new MetricsMode(MetricsKind.Truncate, length);
            }
        }

        throw new FloeException(FloeErrorKind.InvalidArgument, $"invalid metrics mode '{text}': expected none, counts, truncate(n) with n > 0, or full");
    }

    public override string ToString() => Kind switch
    {
        MetricsKind.Truncate => string.Create(CultureInfo.InvariantCulture, $"truncate({TruncateLength})"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
