namespace Floe.Core.Tests.Metadata;

/// <summary>Finds the Iceberg tables written by other engines (FLOE_FIXTURES, or a shared/fixtures folder above the build output).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string IcebergRoot => Root.Value;

    public static IEnumerable<string> MetadataFiles() =>
        Directory.EnumerateFiles(IcebergRoot, "*.metadata.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("FLOE_FIXTURES");
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.Combine(configured, "iceberg");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures", "iceberg");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Iceberg fixtures not found: set FLOE_FIXTURES to the shared fixtures folder.");
    }
}
