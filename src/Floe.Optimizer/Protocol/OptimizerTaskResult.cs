namespace Floe.Optimizer.Protocol;

/// <summary>How a task attempt ended: an output JSON object, or an error message.</summary>
public sealed record OptimizerTaskResult
{
    private OptimizerTaskResult(string? outputJson, string? error)
    {
        OutputJson = outputJson;
        Error = error;
    }

    /// <summary>The executor's output JSON object; null for a failure.</summary>
    public string? OutputJson { get; }

    /// <summary>Why the attempt failed; null for a success.</summary>
    public string? Error { get; }

    public bool Succeeded => OutputJson is not null;

    public static OptimizerTaskResult Success(string outputJson)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputJson);
        return new OptimizerTaskResult(outputJson, null);
    }

    public static OptimizerTaskResult Failure(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OptimizerTaskResult(null, error.Length == 0 ? "The task failed without a message." : error);
    }
}
