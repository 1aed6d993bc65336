using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>A registered optimizer as the management API shows it.</summary>
public sealed record OptimizerView
{
    /// <summary>A prefix of its token: the token itself authenticates the optimizer and is never shown.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("group")]
    public required string Group { get; init; }

    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    [JsonPropertyName("running-tasks")]
    public required int RunningTasks { get; init; }

    [JsonPropertyName("resource-id")]
    public required string? ResourceId { get; init; }

    [JsonPropertyName("memory-mb")]
    public required long MemoryMb { get; init; }

    /// <summary>Whether the server runs it itself.</summary>
    [JsonPropertyName("local")]
    public required bool Local { get; init; }

    [JsonPropertyName("registered-ms")]
    public required long RegisteredMs { get; init; }

    /// <summary>Its last call (a heartbeat or a poll).</summary>
    [JsonPropertyName("touched-ms")]
    public required long TouchedMs { get; init; }
}

/// <summary>The answer to <c>GET /optimizers</c>.</summary>
public sealed record OptimizerList
{
    [JsonPropertyName("optimizers")]
    public required IReadOnlyList<OptimizerView> Optimizers { get; init; }
}

/// <summary>An optimizer group: its local threads, and the optimizers serving it with their threads.</summary>
public sealed record GroupView
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Threads of the optimizer the server runs for the group itself.</summary>
    [JsonPropertyName("local-threads")]
    public required int LocalThreads { get; init; }

    [JsonPropertyName("optimizers")]
    public required int Optimizers { get; init; }

    [JsonPropertyName("threads")]
    public required int Threads { get; init; }

    /// <summary>Its properties, written in ordinal key order.</summary>
    [JsonPropertyName("properties")]
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    [JsonPropertyName("created-ms")]
    public required long CreatedMs { get; init; }
}

/// <summary>The answer to <c>GET /optimizer-groups</c>.</summary>
public sealed record GroupList
{
    [JsonPropertyName("groups")]
    public required IReadOnlyList<GroupView> Groups { get; init; }
}

/// <summary>The body of <c>POST /optimizer-groups</c>.</summary>
public sealed record CreateGroupRequest
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Threads of an optimizer the server runs for the group (0, the default: none).</summary>
    [JsonPropertyName("local-threads")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LocalThreads { get; init; }

    [JsonPropertyName("properties")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}

/// <summary>The body of <c>PUT /optimizer-groups/{group}</c>: new local threads, and properties replacing the group's when given.</summary>
public sealed record ResizeGroupRequest
{
    [JsonPropertyName("local-threads")]
    public required int LocalThreads { get; init; }

    [JsonPropertyName("properties")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}
