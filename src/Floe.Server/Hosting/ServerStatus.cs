using System.Reflection;

namespace Floe.Server.Hosting;

/// <summary>The running server's version and uptime, for the health probe.</summary>
internal sealed class ServerStatus(TimeProvider clock)
{
    private readonly long _started = clock.GetTimestamp();

    public string Version { get; } =
        typeof(ServerStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public TimeSpan Uptime => clock.GetElapsedTime(_started);
}
