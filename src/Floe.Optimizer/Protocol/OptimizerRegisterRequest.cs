namespace Floe.Optimizer.Protocol;

/// <summary>The body of <c>register</c>: which group this optimizer serves and with how many threads.</summary>
public sealed record OptimizerRegisterRequest
{
    public required string Group { get; init; }

    public required int Threads { get; init; }

    /// <summary>Memory the optimizer may use, for the server's display (0: not stated).</summary>
    public int MemoryMb { get; init; }

    /// <summary>The id of the resource (container, pod) the server started this optimizer as; null when started by hand.</summary>
    public string? ResourceId { get; init; }

    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
