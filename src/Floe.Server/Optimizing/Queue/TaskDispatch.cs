namespace Floe.Server.Optimizing;

/// <summary>A task handed to an optimizer thread: which attempt of which task, its executor kind and JSON input.</summary>
public sealed record TaskDispatch(long ProcessId, int TaskId, int Attempt, string Kind, string Input);
