using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Scanning.Planning;

/// <summary>The table properties that size scan tasks, with Java's defaults.</summary>
internal static class ScanSplitProperties
{
    public const string TargetSize = "read.split.target-size";
    public const long TargetSizeDefault = 128L * 1024 * 1024;
    public const string OpenFileCost = "read.split.open-file-cost";
    public const long OpenFileCostDefault = 4L * 1024 * 1024;

    public static long Read(TableMetadata metadata, string key, long defaultValue)
    {
        if (metadata.Property(key) is not string text)
        {
            return defaultValue;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0
            ? value
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Table property {key} must be a positive number of bytes, not '{text}'.");
    }
}
