using System.Globalization;
using Floe.Common.Errors;

namespace Floe.Core.Properties;

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
        return TryParse(text, out MetricsMode mode)
            ? mode
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"invalid metrics mode '{text}': expected none, counts, truncate(n) with n > 0, or full");
    }

    /// <summary>Parses a mode (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string text, out MetricsMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        string name = text.Trim().ToLowerInvariant();
        mode = name switch
        {
            "none" => None,
            "counts" => Counts,
            "full" => Full,
            _ => default,
        };
        if (name is "none" or "counts" or "full")
        {
            return true;
        }

        if (name.StartsWith("truncate(", StringComparison.Ordinal) && name.EndsWith(')')
            && int.TryParse(name["truncate(".Length..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int length) && length > 0)
        {
            mode = new MetricsMode(MetricsKind.Truncate, length);
            return true;
        }

        return false;
    }

    public override string ToString() => Kind switch
    {
        MetricsKind.Truncate => string.Create(CultureInfo.InvariantCulture, $"truncate({TruncateLength})"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
