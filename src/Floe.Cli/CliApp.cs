using System.CommandLine;
using Floe.Cli.Commands;

namespace Floe.Cli;

/// <summary>Builds the <c>floe</c> command tree and runs it with Floe's error conventions.</summary>
public static class CliApp
{
    /// <summary>Creates the root command with every verb group.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand(
            "Floe: a lakehouse management system for Apache Iceberg tables (self-optimizing, primary-key tables, REST catalog).");
        foreach (Command group in CommandCatalog.CreateGroups())
        {
            root.Subcommands.Add(group);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        RootCommand root = CreateRootCommand();
        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Floe's actions report their own errors as one clear line (see CommandActions).
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("floe: cancelled").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }
}
