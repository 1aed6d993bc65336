using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Floe.Cli.Commands.Server;
using Floe.Common.Errors;
using Floe.Optimizer;

namespace Floe.Cli.Commands;

/// <summary><c>floe optimizer</c>: runs an optimizer for a server's group until Ctrl+C or SIGTERM.</summary>
public static class OptimizerCommands
{
    public static Command Create()
    {
        var server = new Option<string>("--server")
        {
            Description = "The Floe server's URL, such as http://localhost:1630.",
            Required = true,
            Validators = { CheckServerUrl },
        };
        var group = new Option<string>("--group")
        {
            Description = "The optimizer group to serve.",
            DefaultValueFactory = _ => "default",
        };
        var threads = new Option<int>("--threads")
        {
            Description = "How many tasks to run at once; threads idle when a task starts also encode its files.",
            DefaultValueFactory = _ => 1,
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<int>() < 1)
                    {
                        result.AddError("--threads must be 1 or more.");
                    }
                },
            },
        };
        var token = new Option<string?>("--token")
        {
            Description = $"An admin token secret, for a server with auth: token (default: ${ServerApiOptions.TokenVariable}).",
        };
        var resource = new Option<string?>("--resource-id") { Description = "A name for this optimizer in the server's optimizer list (a pod or host name)." };
        var heartbeat = new Option<int?>("--heartbeat-interval-ms")
        {
            Description = "Send heartbeats this often instead of the interval the server asks for.",
            Validators =
            {
                result =>
                {
                    if (result.GetValueOrDefault<int?>() is < 1)
                    {
                        result.AddError("--heartbeat-interval-ms must be 1 or more.");
                    }
                },
            },
        };
        var command = new Command(
            "optimizer",
            "Run an optimizer: register with a Floe server, then run its optimizing tasks (rewriting table files) until Ctrl+C.")
        {
            server, group, threads, token, heartbeat, resource,
        };
        command.SetHandler(async (parse, context, ct) =>
        {
            var options = new OptimizerWorkerOptions
            {
                ServerUrl = OptimizerClient.ParseServerUrl(parse.GetValue(server)),
                Group = parse.GetValue(group)!,
                Threads = parse.GetValue(threads),
                BearerToken = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(ServerApiOptions.TokenVariable),
                HeartbeatInterval = parse.GetValue(heartbeat) is int ms ? TimeSpan.FromMilliseconds(ms) : null,
                ResourceId = parse.GetValue(resource),
                Log = context.Output,
            };

            // Ctrl+C and SIGTERM end the run instead of the process, so the optimizer can unregister.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => StopOn(signal, stop));
            using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => StopOn(signal, stop));
            using var worker = new OptimizerWorker(options);
            await context.Output.WriteLineAsync($"Optimizer starting: server {options.ServerUrl}, group '{options.Group}', {options.Threads} thread(s). Stops on Ctrl+C.").ConfigureAwait(false);
            await worker.RunAsync(stop.Token).ConfigureAwait(false);
            OptimizerWorkerStatus status = worker.Status;
            await context.Output.WriteLineAsync(
                $"Optimizer stopped: {status.TasksCompleted} task(s) completed, {status.TasksFailed} failed, {status.TasksDropped} dropped.").ConfigureAwait(false);
        });
        return command;
    }

    private static void CheckServerUrl(OptionResult result)
    {
        try
        {
            OptimizerClient.ParseServerUrl(result.GetValueOrDefault<string>());
        }
        catch (FloeException ex)
        {
            result.AddError(ex.Message);
        }
    }

    private static void StopOn(PosixSignalContext signal, CancellationTokenSource stop)
    {
        signal.Cancel = true;
        stop.Cancel();
    }
}
