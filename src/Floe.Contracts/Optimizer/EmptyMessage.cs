namespace Floe.Contracts.Optimizer;

/// <summary><c>{}</c>: the body of <c>heartbeat</c> and <c>unregister</c>, and the answer to every call but register and poll.</summary>
public sealed record EmptyMessage
{
    public static EmptyMessage Instance { get; } = new();
}
