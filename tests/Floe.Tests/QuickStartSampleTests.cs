using System.Diagnostics;

namespace Floe.Tests;

/// <summary>samples/QuickStart builds and runs with <c>dotnet run</c> and does the whole path docs/library.md describes.</summary>
public sealed class QuickStartSampleTests
{
    [Fact]
    public async Task The_quick_start_sample_runs_the_documented_path()
    {
        string root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine(root, "samples", "QuickStart"), "-c", "Release"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Building the sample and its projects can take minutes on a busy machine.
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(15), TestContext.Current.CancellationToken);
        string text = await output;
        Assert.True(process.ExitCode == 0, $"dotnet run failed: {text}{await error}");

        Assert.Contains("created namespace db", text, StringComparison.Ordinal);
        Assert.Contains("appended 3 rows to db.events", text, StringComparison.Ordinal);
        Assert.Contains("upserted 2 rows into db.users", text, StringComparison.Ordinal);
        Assert.Contains("deleted 1 rows from db.events", text, StringComparison.Ordinal);
        Assert.Contains("scan db.users: bobby", text, StringComparison.Ordinal);
        Assert.Contains("scan db.users: cy", text, StringComparison.Ordinal);
        Assert.DoesNotContain("scan db.users: ann", text, StringComparison.Ordinal);
        Assert.Contains("changes of db.users:", text, StringComparison.Ordinal);
        Assert.Matches(@"change after \S+: DELETE 1", text);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Floe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Floe.slnx not found above the test's build output.");
    }
}
