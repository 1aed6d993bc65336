using System.Collections.Concurrent;

namespace Floe.Core.IO;

/// <summary>
/// Flushes files to disk (fsync) on a few dedicated threads. A flush blocks its thread for the device's latency: on a
/// pool thread that leaves a core idle that could be encoding the next file, and the pool grows only slowly when its
/// threads block. Flushes queued together also run together, which lets the filesystem write them in one go.
/// </summary>
public static class DiskFlush
{
    private const int Threads = 4;

    private static readonly BlockingCollection<Request> Queue = Start();

    /// <summary>Writes what <paramref name="stream"/> has buffered and flushes the file to disk.</summary>
    public static async Task FlushAsync(FileStream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(stream, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Queue.Add(request, cancellationToken);
        await request.Done.Task.ConfigureAwait(false);
    }

    private static BlockingCollection<Request> Start()
    {
        var queue = new BlockingCollection<Request>();
        for (int i = 0; i < Threads; i++)
        {
            var thread = new Thread(() => Run(queue)) { IsBackground = true, Name = "Floe disk flush" };
            thread.Start();
        }

        return queue;
    }

    private static void Run(BlockingCollection<Request> queue)
    {
        foreach (Request request in queue.GetConsumingEnumerable())
        {
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
