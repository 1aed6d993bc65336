namespace Floe.Server.Configuration;

/// <summary>One configured value and where it came from, so that an error can point at the file line or variable.</summary>
internal sealed record ConfigValue(string Text, string Source);
