using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Floe.Common.Columnar;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Reads several groups of scan tasks at once (each group's tasks in order by one worker) into one stream of batches,
/// with back-pressure through a bounded channel.
/// </summary>
internal static class ParallelTaskReader
{
    public static async IAsyncEnumerable<ColumnBatch> ReadAsync(
        FileScanTaskReader reader, IReadOnlyList<IReadOnlyList<FileScanTask>> groups, int maxDegreeOfParallelism, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ColumnBatch>(new BoundedChannelOptions(maxDegreeOfParallelism * 2) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = ProduceAsync(reader, groups, maxDegreeOfParallelism, channel.Writer, stop.Token);
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
    private static async Task ProduceAsync(
        FileScanTaskReader reader, IReadOnlyList<IReadOnlyList<FileScanTask>> groups, int maxDegreeOfParallelism, ChannelWriter<ColumnBatch> writer, CancellationToken cancellationToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                groups,
                new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
                async (group, ct) =>
                {
                    foreach (FileScanTask task in group)
                    {
                        await foreach (ColumnBatch batch in reader.ReadAsync(task, ct).ConfigureAwait(false))
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
