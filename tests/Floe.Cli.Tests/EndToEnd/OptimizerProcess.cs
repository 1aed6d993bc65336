using System.Diagnostics;
using System.Text;

namespace Floe.Cli.Tests.EndToEnd;

/// <summary>A <c>floe optimizer</c> running as a separate operating-system process, with its output kept.</summary>
internal sealed class OptimizerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OptimizerProcess(Process process, string resourceId)
    {
        _process = process;
        ResourceId = resourceId;
    }

    public string ResourceId { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static OptimizerProcess Start(Uri server, string resourceId, int threads = 1)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "floe.dll"), "optimizer", "--server", server.ToString(), "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--heartbeat-interval-ms", "200", "--resource-id", resourceId,
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var optimizer = new OptimizerProcess(process, resourceId);
        process.OutputDataReceived += (_, e) => optimizer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => optimizer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return optimizer;
    }

    /// <summary>Kills the process at once, as a crashed machine would stop: no unregister, no completion.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
