using Floe.TestKit;

namespace Floe.Core.Tests.Metadata;

/// <summary>The Iceberg tables written by other engines, from the shared fixtures.</summary>
internal static class Fixtures
{
    public static string IcebergRoot => SharedFixtures.Iceberg;

    public static IEnumerable<string> MetadataFiles() =>
        Directory.EnumerateFiles(IcebergRoot, "*.metadata.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal);
}
