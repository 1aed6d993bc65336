using System.CommandLine;
using Floe.Common.Errors;

namespace Floe.Cli;

/// <summary>
/// Wraps verb implementations so that every failure ends as one line on stderr and a non-zero exit code,
/// never a stack trace.
/// </summary>
public static class CommandActions
{
    /// <summary>
    /// Sets <paramref name="action"/>, which reads the file named by <paramref name="file"/>, on <paramref name="command"/>
    /// with Floe's error handling; errors name the file.
    /// </summary>
    public static void SetHandler(
        this Command command, Argument<FileInfo> file, string what, Func<ParseResult, CommandContext, CancellationToken, Task> action) =>
        command.SetHandler(async (parse, context, cancellationToken) =>
        {
            try
            {
                await action(parse, context, cancellationToken).ConfigureAwait(false);
            }
            catch (FloeException ex)
            {
                throw ex.InFile(what, parse.GetValue(file)!.FullName);
            }
        });

    /// <summary>Sets <paramref name="action"/> on <paramref name="command"/> with Floe's error handling.</summary>
    public static void SetHandler(this Command command, Func<ParseResult, CommandContext, CancellationToken, Task> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var context = new CommandContext(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                await action(parse, context, cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (FloeException ex)
            {
                await context.Error.WriteLineAsync($"floe: error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"floe: error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (CommandUsageException ex)
            {
                await context.Error.WriteLineAsync($"floe: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }
            finally
            {
                InvocationResources.DisposeAll(parse);
            }
        });
    }
}
