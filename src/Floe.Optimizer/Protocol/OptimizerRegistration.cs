namespace Floe.Optimizer.Protocol;

/// <summary>What the server answered to <c>register</c>: the optimizer token and the intervals it expects.</summary>
/// <param name="Token">Sent as <c>Floe-Optimizer-Token</c> on every later call.</param>
/// <param name="Group">The optimizer group the server registered this optimizer in.</param>
/// <param name="HeartbeatInterval">How often the server wants a heartbeat.</param>
/// <param name="PollTimeout">How long the server holds a poll waiting for a task.</param>
public sealed record OptimizerRegistration(string Token, string Group, TimeSpan HeartbeatInterval, TimeSpan PollTimeout)
{
    // The token is a credential: keep it out of logs and test output.
    public override string ToString() =>
        $"group '{Group}', heartbeat every {HeartbeatInterval.TotalMilliseconds:0} ms, poll timeout {PollTimeout.TotalMilliseconds:0} ms";
}
