namespace Floe.Contracts.Management;

/// <summary>Where the management API lives (<c>docs/server.md</c>).</summary>
public static class ManagementApiPaths
{
    /// <summary>The API's base path under the server's address.</summary>
    public const string BasePath = "/api/floe/v1";

    /// <summary>The health probe, served without a token.</summary>
    public const string HealthPath = BasePath + "/health";
}
