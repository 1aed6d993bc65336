using System.Collections.Concurrent;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Common.Threading;
using Floe.Optimizing.Execution;

namespace Floe.Optimizer.Tests;

/// <summary>
/// An executor of kind <c>fake</c> driven by its input: <c>{"rows": n}</c> answers <c>{"rows": n, "attempt": a}</c>,
/// <c>"fail": "message"</c> fails with that message, <c>"wait-for-peers": k</c> waits (up to 30 s) until k tasks run
/// at once, and <c>"block": true</c> runs until cancelled. It records what it ran, the threads each task could use
/// (its own and those it could borrow from the optimizer's budget, given back at once; with peers, once all k run and
/// before any ends) and the most tasks at once.
/// </summary>
internal sealed class FakeExecutor : IOptimizingTaskExecutor
{
    public const string FakeKind = "fake";

    private int _current;
    private int _most;
    private int _cancelled;
    private int _recorded;

    public string Kind => FakeKind;

    public ConcurrentQueue<string> Inputs { get; } = new();

    /// <summary>The threads each task could use, in the order they were recorded.</summary>
    public ConcurrentQueue<int> Threads { get; } = new();

    public int MostAtOnce => Volatile.Read(ref _most);

    public int Running => Volatile.Read(ref _current);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, threads: null, cancellationToken);

    public async Task<string> ExecuteAsync(string taskJson, int attempt, ThreadBudget? threads, CancellationToken cancellationToken)
    {
        Inputs.Enqueue(taskJson);
        int now = Interlocked.Increment(ref _current);
        int most;
        while ((most = Volatile.Read(ref _most)) < now && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
        }

        try
        {
            using JsonDocument input = JsonDocument.Parse(taskJson);
            JsonElement root = input.RootElement;
            if (root.TryGetProperty("fail", out JsonElement fail))
            {
                throw new FloeException(FloeErrorKind.InvalidData, fail.GetString()!);
            }

            if (root.TryGetProperty("wait-for-peers", out JsonElement peers))
            {
                await UntilAsync(() => Volatile.Read(ref _most) >= peers.GetInt32(), cancellationToken);
                RecordThreads(threads);
                await UntilAsync(() => Volatile.Read(ref _recorded) >= peers.GetInt32(), cancellationToken);
            }
            else
            {
                RecordThreads(threads);
            }

            if (root.TryGetProperty("block", out _))
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref _cancelled);
                    throw;
                }
            }

            long rows = root.TryGetProperty("rows", out JsonElement count) ? count.GetInt64() : 0;
            return $$"""{"rows": {{rows}}, "attempt": {{attempt}}}""";
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    private void RecordThreads(ThreadBudget? threads)
    {
        int borrowed = threads?.Borrow(threads.Total) ?? 0;
        threads?.Return(borrowed);
        Threads.Enqueue(1 + borrowed);
        Interlocked.Increment(ref _recorded);
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        DateTime until = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && DateTime.UtcNow < until)
        {
            await Task.Delay(5, cancellationToken);
        }
    }
}
