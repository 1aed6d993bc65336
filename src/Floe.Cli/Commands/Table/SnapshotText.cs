using System.Globalization;

namespace Floe.Cli.Commands.Table;

/// <summary>Formats snapshot times.</summary>
internal static class SnapshotText
{
    public static string Time(long timestampMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
