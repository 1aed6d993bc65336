namespace Floe.Server.Configuration;

/// <summary>Values given on the command line; they win over the file and the environment.</summary>
public sealed record ServerOptionOverrides(int? Port = null, string? DataDirectory = null);
