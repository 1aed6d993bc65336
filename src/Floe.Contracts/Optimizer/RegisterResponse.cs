using System.Text.Json.Serialization;

namespace Floe.Contracts.Optimizer;

/// <summary>The answer to <c>register</c>: the optimizer token and the intervals the server expects.</summary>
public sealed record RegisterResponse
{
    /// <summary>Sent as <c>Floe-Optimizer-Token</c> on every later call.</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    /// <summary>How often the server wants a heartbeat; a client assumes 10 s when it is missing.</summary>
    [JsonPropertyName("heartbeat-interval-ms")]
    public long? HeartbeatIntervalMs { get; init; }

    /// <summary>How long the server holds a poll; a client assumes 3 s when it is missing.</summary>
    [JsonPropertyName("poll-timeout-ms")]
    public long? PollTimeoutMs { get; init; }

    // The token is a credential: keep it out of logs and test output.
    public override string ToString() => $"group '{Group}', heartbeat {HeartbeatIntervalMs} ms, poll timeout {PollTimeoutMs} ms";
}
