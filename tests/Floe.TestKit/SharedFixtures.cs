namespace Floe.TestKit;

/// <summary>
/// The files written by other engines that tests read: <c>FLOE_FIXTURES</c>, or else the first <c>shared/fixtures</c>
/// folder in a directory above the build output (the repository is checked out beside <c>shared</c>).
/// </summary>
public static class SharedFixtures
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The shared fixtures folder.</summary>
    public static string Root => Located.Value;

    /// <summary>The Iceberg tables written by Spark, the Java library and Athena.</summary>
    public static string Iceberg => Path.Combine(Root, "iceberg");

    private static string Locate()
    {
        string? configured = Environment.GetEnvironmentVariable("FLOE_FIXTURES");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Shared fixtures not found: set FLOE_FIXTURES to the shared fixtures folder.");
    }
}
