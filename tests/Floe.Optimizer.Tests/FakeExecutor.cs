using System.Collections.Concurrent;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Optimizing.Execution;

namespace Floe.Optimizer.Tests;

/// <summary>
/// An executor of kind <c>fake</c> driven by its input: <c>{"rows": n}</c> answers <c>{"rows": n, "attempt": a}</c>,
/// <c>"fail": "message"</c> fails with that message, <c>"wait-for-peers": k</c> waits (up to 5 s) until k tasks run
/// at once, and <c>"block": true</c> runs until cancelled. It records what it ran, the threads each task was given
/// and the most tasks at once.
/// </summary>
internal sealed class FakeExecutor : IOptimizingTaskExecutor
{
    public const string FakeKind = "fake";

    private int _current;
    private int _most;
    private int _cancelled;

    public string Kind => FakeKind;

    public ConcurrentQueue<string> Inputs { get; } = new();

    /// <summary>The threads each task was allowed, in the order the tasks started.</summary>
    public ConcurrentQueue<int> Threads { get; } = new();

    public int MostAtOnce => Volatile.Read(ref _most);

    public int Running => Volatile.Read(ref _current);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public Task<string> ExecuteAsync(string taskJson, int attempt, CancellationToken cancellationToken) =>
        ExecuteAsync(taskJson, attempt, threads: 1, cancellationToken);

    public async Task<string> ExecuteAsync(string taskJson, int attempt, int threads, CancellationToken cancellationToken)
    {
        Inputs.Enqueue(taskJson);
        Threads.Enqueue(threads);
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
                DateTime until = DateTime.UtcNow.AddSeconds(5);
                while (Volatile.Read(ref _most) < peers.GetInt32() && DateTime.UtcNow < until)
                {
                    await Task.Delay(5, cancellationToken);
                }
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
}
