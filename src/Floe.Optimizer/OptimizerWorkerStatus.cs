using Floe.Optimizer.Protocol;

namespace Floe.Optimizer;

/// <summary>A snapshot of what an <see cref="OptimizerWorker"/> has done so far.</summary>
/// <param name="Registration">The current registration; null before the first and after unregistering.</param>
/// <param name="Registrations">Successful <c>register</c> calls (more than one after the server forgot this optimizer).</param>
/// <param name="TasksCompleted">Tasks whose output the server accepted.</param>
/// <param name="TasksFailed">Tasks whose failure the server accepted.</param>
/// <param name="TasksDropped">Tasks given up: refused as stale, or not reported before stopping.</param>
/// <param name="TasksRunning">Tasks between ack and complete right now.</param>
public sealed record OptimizerWorkerStatus(
    OptimizerRegistration? Registration, int Registrations, long TasksCompleted, long TasksFailed, long TasksDropped, int TasksRunning);
