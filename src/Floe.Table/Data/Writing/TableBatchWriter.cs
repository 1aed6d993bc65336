using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Writes batches into new data files of a table as its metadata says (current schema and default spec, the
/// <c>write.*</c> properties, the default sort order, the data location), then commits them with a snapshot producer;
/// the files are deleted when the writing fails or the commit is refused, and kept when the commit's outcome is unknown.
/// </summary>
internal static class TableBatchWriter
{
    public static async Task<DataWriteResult> WriteAndCommitAsync<TProducer>(
        IcebergTable table,
        IAsyncEnumerable<ColumnBatch> batches,
        TProducer producer,
        Action<TProducer, DataFile> add,
        bool commitWithoutRows,
        CancellationToken cancellationToken)
        where TProducer : SnapshotProducer
    {
        ArgumentNullException.ThrowIfNull(batches);
        (IReadOnlyList<DataFile> files, long rows) = await WriteAsync(table, batches, cancellationToken).ConfigureAwait(false);
        if (rows == 0 && !commitWithoutRows)
        {
            return new DataWriteResult(0, 0, null);
        }

        foreach (DataFile file in files)
        {
            add(producer, file);
        }

        try
        {
            await producer.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new DataWriteResult(rows, files.Count, producer.SnapshotId);
        }
        catch (Exception e) when (CommitCleanup.ProvesNotCommitted(e))
        {
            await CommitCleanup.DeleteAsync(table.Operations.Io, files.Select(f => f.FilePath)).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(IReadOnlyList<DataFile> Files, long Rows)> WriteAsync(
        IcebergTable table, IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken)
    {
        TableMetadata metadata = table.Metadata;
        int? sortOrderId = metadata.DefaultSortOrderId == 0 ? null : metadata.DefaultSortOrderId;
        DataWriterConfig config = DataWriterConfig.FromProperties(metadata.CurrentSchema, metadata.DefaultSpec, metadata.Properties, sortOrderId);
        var writer = new PartitionedFanoutWriter(table.Operations.Io, config, DataLocations.ForTable(metadata.Location, metadata.Properties));
        await using ConfiguredAsyncDisposable disposeWriter = writer.ConfigureAwait(false);
        long rows = 0;
        try
        {
            await foreach (ColumnBatch batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                rows += batch.RowCount;
            }

            return (await writer.CloseAsync(cancellationToken).ConfigureAwait(false), rows);
        }
        catch
        {
            await writer.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
