using System.Globalization;

namespace Floe.Catalog.FileSystem;

/// <summary>Where a table's files live in a filesystem warehouse: <c>&lt;table&gt;/metadata/vN.metadata.json</c> and the version hint.</summary>
internal sealed class TableFolder
{
    public const string MetadataFolderName = "metadata";
    public const string VersionHintName = "version-hint.text";
    private const string VersionPrefix = "v";
    private const string VersionSuffix = ".metadata.json";

    public TableFolder(string path)
    {
        Path = path;
        MetadataPath = System.IO.Path.Combine(path, MetadataFolderName);
        VersionHintPath = System.IO.Path.Combine(MetadataPath, VersionHintName);
    }

    /// <summary>The table folder, which is also the table location.</summary>
    public string Path { get; }

    public string MetadataPath { get; }

    public string VersionHintPath { get; }

    public string VersionPath(int version) =>
        System.IO.Path.Combine(MetadataPath, string.Create(CultureInfo.InvariantCulture, $"{VersionPrefix}{version}{VersionSuffix}"));

    /// <summary>The version number of a <c>vN.metadata.json</c> file name, or null for any other name.</summary>
    public static int? ParseVersionFileName(string fileName)
    {
        if (!fileName.StartsWith(VersionPrefix, StringComparison.Ordinal) || !fileName.EndsWith(VersionSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = fileName.AsSpan(VersionPrefix.Length, fileName.Length - VersionPrefix.Length - VersionSuffix.Length);
        return digits.Length is > 0 and <= 9 && IsAsciiDigits(digits) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0
            ? version
            : null;
    }

    private static bool IsAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
