using Floe.Common.Columnar;

namespace Floe.PrimaryKeys.Writing;

/// <summary>Writes a stream of batches as one change transaction of a primary-key table and commits it.</summary>
internal static class ChangeBatches
{
    /// <summary>
    /// Hands each batch to <paramref name="write"/> on one <see cref="ChangeWriter"/> and commits; on any failure before
    /// the commit the writer deletes what it wrote. With <paramref name="ownsBatches"/> each batch is disposed once written.
    /// </summary>
    public static async Task<ChangeWriteResult> WriteAsync(
        PrimaryKeyTable table,
        IAsyncEnumerable<ColumnBatch> batches,
        Func<ChangeWriter, ColumnBatch, CancellationToken, ValueTask> write,
        bool ownsBatches,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            long rows = 0;
            await foreach (ColumnBatch batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await write(writer, batch, cancellationToken).ConfigureAwait(false);
                    rows += batch.RowCount;
                }
                finally
                {
                    if (ownsBatches)
                    {
                        batch.Dispose();
                    }
                }
            }

            return new ChangeWriteResult(rows, await writer.CommitAsync(cancellationToken).ConfigureAwait(false));
        }
    }
}
