namespace Floe.Core.IO;

/// <summary>
/// Flushes files to disk (fsync) on a few dedicated threads. A flush blocks its thread for the device's latency: on a
/// pool thread that leaves a core idle that could be encoding the next file, and the pool grows only slowly when its
/// threads block. Flushes queued together also run together, which lets the filesystem write them in one go. Idle
/// threads sleep on a monitor rather than spinning, so they take no processor time from the writers.
/// </summary>
public static class DiskFlush
{
    private const int Threads = 4;

    private static readonly Queue<Request> Pending = new();
    private static readonly object Gate = Start();

    /// <summary>Writes what <paramref name="stream"/> has buffered and flushes the file to disk.</summary>
    public static async Task FlushAsync(FileStream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(stream, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (Gate)
        {
            Pending.Enqueue(request);
            Monitor.Pulse(Gate);
        }

        await request.Done.Task.ConfigureAwait(false);
    }

    private static object Start()
    {
        var gate = new object();
        for (int i = 0; i < Threads; i++)
        {
            var thread = new Thread(() => Run(gate)) { IsBackground = true, Name = "Floe disk flush" };
            thread.Start();
        }

        return gate;
    }

    private static void Run(object gate)
    {
        while (true)
        {
            Request request;
            lock (gate)
            {
                while (Pending.Count == 0)
                {
                    Monitor.Wait(gate);
                }

                request = Pending.Dequeue();
            }

            try
            {
                request.Stream.Flush(flushToDisk: true);
                request.Done.SetResult();
            }
            catch (Exception error)
            {
                request.Done.SetException(error);
            }
        }
    }

    private sealed record Request(FileStream Stream, TaskCompletionSource Done);
}
