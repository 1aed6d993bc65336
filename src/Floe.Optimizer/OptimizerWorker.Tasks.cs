using System.Diagnostics;
using System.Globalization;
using Floe.Common.Errors;
using Floe.Optimizer.Protocol;

namespace Floe.Optimizer;

/// <summary>The task threads: poll, ack, run, complete.</summary>
public sealed partial class OptimizerWorker
{
    private async Task ThreadLoopAsync(int thread, CancellationToken stop, CancellationToken drain)
    {
        Backoff failures = NewBackoff();
        Backoff idle = NewBackoff();
        int emptyPolls = 0;
        while (!stop.IsCancellationRequested)
        {
            OptimizerRegistration registration = Volatile.Read(ref _registration)!;
            OptimizerTask? task;
            try
            {
                task = await _client.PollAsync(registration.Token, thread, registration.PollTimeout, stop).ConfigureAwait(false);
                failures.Reset();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (OptimizerProtocolException ex) when (ex.IsUnknownOptimizer)
            {
                await RenewOrStopAsync(registration, stop).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex)
            {
                TimeSpan delay = failures.Next();
                if (failures.Count == 1)
                {
                    Log(string.Create(CultureInfo.InvariantCulture, $"Thread {thread}: {ex.Message} Retrying with back-off from {delay.TotalSeconds:0.###} s."));
                }

                await DelayAsync(delay, stop);
                continue;
            }

            if (task is null)
            {
                // The poll itself already waited; after several empty ones in a row, wait between polls too.
                if (++emptyPolls >= _options.EmptyPollsBeforeBackoff)
                {
                    await DelayAsync(idle.Next(), stop);
                }

                continue;
            }

            emptyPolls = 0;
            idle.Reset();
            Interlocked.Increment(ref _running);
            try
            {
                await RunTaskAsync(thread, task, stop, drain).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // RunTaskAsync handles what the protocol and executors throw; after anything else this thread still
                // goes on with the next task.
                Interlocked.Increment(ref _dropped);
                Log($"{task.Id}: dropped after an unexpected error: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    private async Task RunTaskAsync(int thread, OptimizerTask task, CancellationToken stop, CancellationToken drain)
    {
        TaskAttemptId id = task.Id;
        CallOutcome acked = await CallAsync(
            (token, ct) => _client.AckAsync(token, thread, id, ct), stop, $"{id}: ack").ConfigureAwait(false);
        if (acked != CallOutcome.Done)
        {
            Drop(id, acked, "before it ran");
            return;
        }

        var clock = Stopwatch.StartNew();
        OptimizerTaskResult result;
        _threads.Enter();
        try
        {
            result = OptimizerTaskResult.Success(
                await _executors.ExecuteAsync(task.Kind, task.InputJson, id.Attempt, _threads, stop).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The attempt deleted what it wrote; unregistering gives the task back to the server.
            Log($"{id}: cancelled, the optimizer is stopping.");
            return;
        }
        catch (Exception ex)
        {
            result = OptimizerTaskResult.Failure(ex is FloeException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            _threads.Exit();
        }

        long elapsedMs = clock.ElapsedMilliseconds;

        // A finished attempt is reported even while stopping (within the stop timeout), and never given up because
        // the server was briefly unreachable.
        CallOutcome completed = await CallAsync(
            (token, ct) => _client.CompleteAsync(token, thread, id, result, ct), drain, $"{id}: complete").ConfigureAwait(false);
        if (completed != CallOutcome.Done)
        {
            Drop(id, completed, "after it finished");
            return;
        }

        if (result.Succeeded)
        {
            Interlocked.Increment(ref _completed);
            Log(string.Create(CultureInfo.InvariantCulture, $"{id}: done in {elapsedMs} ms."));
        }
        else
        {
            Interlocked.Increment(ref _failed);
            Log(string.Create(CultureInfo.InvariantCulture, $"{id}: failed after {elapsedMs} ms: {result.Error}"));
        }
    }

    /// <summary>
    /// Makes a call about a task until it is answered: registers again when the server forgot this optimizer, and
    /// repeats with back-off while it is unreachable. Stale, refused and cancelled calls end it.
    /// </summary>
    private async Task<CallOutcome> CallAsync(Func<string, CancellationToken, Task> call, CancellationToken cancellationToken, string what)
    {
        Backoff backoff = NewBackoff();
        while (true)
        {
            OptimizerRegistration registration = Volatile.Read(ref _registration)!;
            try
            {
                await call(registration.Token, cancellationToken).ConfigureAwait(false);
                return CallOutcome.Done;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CallOutcome.Cancelled;
            }
            catch (OptimizerProtocolException ex) when (ex.IsStaleTask)
            {
                return CallOutcome.Stale;
            }
            catch (OptimizerProtocolException ex) when (ex.IsUnknownOptimizer)
            {
                try
                {
                    await RenewAsync(registration, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return CallOutcome.Cancelled;
                }
            }
            catch (OptimizerProtocolException ex) when (ex.IsTransient)
            {
                TimeSpan delay = backoff.Next();
                Log(string.Create(CultureInfo.InvariantCulture, $"{what}: {ex.Message} Retrying in {delay.TotalSeconds:0.###} s."));
                await DelayAsync(delay, cancellationToken);
                if (cancellationToken.IsCancellationRequested)
                {
                    return CallOutcome.Cancelled;
                }
            }
            catch (FloeException ex)
            {
                Log($"{what}: {ex.Message}");
                return CallOutcome.Refused;
            }
        }
    }

    private void Drop(TaskAttemptId id, CallOutcome outcome, string when)
    {
        Interlocked.Increment(ref _dropped);
        Log(outcome switch
        {
            CallOutcome.Stale => $"{id}: dropped {when}; the server no longer assigns it to this optimizer.",
            CallOutcome.Cancelled => $"{id}: dropped {when}; the optimizer is stopping.",
            _ => $"{id}: dropped {when}; the server refused it.",
        });
    }

    private enum CallOutcome
    {
        Done,
        Stale,
        Refused,
        Cancelled,
    }
}
