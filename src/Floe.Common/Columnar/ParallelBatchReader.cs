using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace Floe.Common.Columnar;

/// <summary>
/// Reads several units of work at once (scan tasks, merge tasks) into one stream of batches, with back-pressure
/// through a bounded channel. Batches arrive in no particular order; the consumer owns each batch it receives.
/// </summary>
public static class ParallelBatchReader
{
    public static async IAsyncEnumerable<ColumnBatch> ReadAsync<T>(
        IReadOnlyList<T> work,
        Func<T, CancellationToken, IAsyncEnumerable<ColumnBatch>> read,
        int maxDegreeOfParallelism,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var channel = Channel.CreateBounded<ColumnBatch>(new BoundedChannelOptions(maxDegreeOfParallelism * 2) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = ProduceAsync(work, read, maxDegreeOfParallelism, channel.Writer, stop.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    // Surface the reader's own error (a FloeException, usually), not the channel's wrapper.
                    ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }

                if (!more)
                {
                    break;
                }

                while (channel.Reader.TryRead(out ColumnBatch? batch))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
            while (channel.Reader.TryRead(out ColumnBatch? left))
            {
                left.Dispose();
            }
        }
    }

    /// <summary>Never faults: errors complete the channel instead, so the consumer sees them.</summary>
    private static async Task ProduceAsync<T>(
        IReadOnlyList<T> work,
        Func<T, CancellationToken, IAsyncEnumerable<ColumnBatch>> read,
        int maxDegreeOfParallelism,
        ChannelWriter<ColumnBatch> writer,
        CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    await foreach (ColumnBatch batch in read(item, ct).ConfigureAwait(false))
                    {
                        try
                        {
                            await writer.WriteAsync(batch, ct).ConfigureAwait(false);
                        }
                        catch
                        {
                            batch.Dispose();
                            throw;
                        }
                    }
                }).ConfigureAwait(false);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }
}
