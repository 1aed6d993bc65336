using Microsoft.Extensions.Hosting;

namespace Floe.Server.Hosting;

/// <summary>A host lifetime that installs no signal handlers: whoever started the server decides when it stops.</summary>
internal sealed class CallerOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
