using System.Diagnostics;

/// <summary>
/// Runs a script of <c>bench/node</c> (the reference engines the benchmarks compare against, DuckDB among them) with
/// Node.js, installing its packages with <c>npm install</c> the first time, and returns what it printed.
/// </summary>
internal static class NodeReference
{
    public static async Task<string> RunAsync(string script, IEnumerable<string> arguments)
    {
        string folder = Path.Combine(RepositoryRoot(), "bench", "node");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            await RunProgramAsync("npm", folder, ["install", "--no-audit", "--no-fund", "--loglevel=error"]);
        }

        return await RunProgramAsync("node", folder, [Path.Combine(folder, script), .. arguments]);
    }

    private static async Task<string> RunProgramAsync(string program, string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
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
