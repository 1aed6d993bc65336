using System.CommandLine;
using System.Runtime.InteropServices;
using Floe.Cli.Commands.Server;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.Cli.Commands;

/// <summary><c>floe server</c>: runs the management server until Ctrl+C or SIGTERM.</summary>
public static class ServerCommands
{
    public static Command Create()
    {
        var config = new ServerConfigOptions();
        var port = new Option<int?>("--port")
        {
            Description = $"The port to listen on (default {ServerOptions.DefaultPort}; 0 picks a free one).",
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<int?>() is < 0 or > 65535)
                    {
                        result.AddError("--port must be from 0 to 65535.");
                    }
                },
            },
        };
        var command = new Command(
            "server",
            "Run the Floe server: the Iceberg REST catalog at /api/iceberg/rest and the management API at /api/floe/v1. Stops on Ctrl+C.")
        {
            port,
        };
        config.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            ServerOptions options = config.Load(parse, parse.GetValue(port));

            // Ctrl+C and SIGTERM end the wait below instead of the process, so requests in flight can finish.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => StopOn(signal, stop));
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => StopOn(signal, stop));
            FloeServer server = await FloeServer.StartAsync(options, context.Output, stop.Token).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The graceful stop below lets requests in flight finish.
                }

                await context.Output.WriteLineAsync("Stopping: finishing requests in flight...").ConfigureAwait(false);
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await context.Output.WriteLineAsync("Floe server stopped.").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static void StopOn(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }
}
