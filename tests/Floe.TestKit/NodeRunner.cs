using System.Diagnostics;

namespace Floe.TestKit;

/// <summary>
/// Runs the Node.js scripts in <c>tests/Floe.Interop.Tests/node</c>, which drive independent implementations
/// (avsc for Avro, DuckDB for Parquet, icebird for whole Iceberg tables). The <c>./test</c> script installs their packages.
/// </summary>
public static class NodeRunner
{
    /// <summary>The folder holding the scripts and their <c>node_modules</c>.</summary>
    public static string ScriptDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "Floe.Interop.Tests", "node");

    /// <summary>Runs <paramref name="script"/> with <paramref name="arguments"/>; returns its stdout or throws with its stderr.</summary>
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"Node packages are missing in {ScriptDirectory}; run ./test (it runs 'npm ci' there) or 'npm ci' in that folder.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ScriptDirectory, script));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        string output = await stdout.ConfigureAwait(false);
        string error = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {error}");
        }

        return output;
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

        throw new InvalidOperationException("Floe.slnx not found above " + AppContext.BaseDirectory);
    }
}
