namespace Floe.Cli;

/// <summary>Where a verb writes its results and its diagnostics.</summary>
public sealed record CommandContext(TextWriter Output, TextWriter Error);
