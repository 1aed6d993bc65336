using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe.Table.Scanning.Execution;

/// <summary>Reads delete files: the positions one data file loses, and the keys of equality deletes.</summary>
internal sealed class DeleteLoader(IFileIO fileIO, NameMapping? nameMapping)
{
    /// <summary>The sorted positions that the position delete files remove from <paramref name="dataFilePath"/>.</summary>
    public async Task<long[]> LoadPositionsAsync(IEnumerable<DeleteFile> deletes, string dataFilePath, CancellationToken cancellationToken)
    {
        byte[] target = Encoding.UTF8.GetBytes(dataFilePath);
        var positions = new List<long>();
        foreach (DeleteFile delete in deletes)
        {
            await foreach (ColumnBatch batch in ReadAsync(delete, MetadataColumns.PositionDeleteSchema, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    var paths = (BinaryVector)batch.Column(0);
                    var rows = (PrimitiveVector<long>)batch.Column(1);
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        if (!paths.IsNull(i) && !rows.IsNull(i) && paths.GetBytes(i).SequenceEqual(target))
                        {
                            positions.Add(rows[i]);
                        }
                    }
                }
            }
        }

        long[] sorted = [.. positions];
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>Adds the keys of an equality delete file, on the delete's equality fields, to <paramref name="keys"/>.</summary>
    public async Task LoadEqualityKeysAsync(DeleteFile delete, IcebergSchema schema, EqualityKeySet keys, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> ids = delete.EqualityIds is { Count: > 0 } equalityIds
            ? equalityIds
            : throw new FloeException(FloeErrorKind.InvalidData, $"Equality delete file {delete.FilePath} lists no equality field ids.");
        IcebergSchema deleteSchema = SchemaProjection.Project(schema, ids);
        FieldAccessor[] fields = [.. ids.Select(id => FieldAccessor.Create(deleteSchema, id))];
        using var encoder = new RowKeyEncoder(fields);
        await foreach (ColumnBatch batch in ReadAsync(delete, deleteSchema, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                encoder.Bind(batch);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    keys.Add(encoder.Encode(i));
                }
            }
        }
    }

    private async IAsyncEnumerable<ColumnBatch> ReadAsync(
        DeleteFile delete, IcebergSchema projection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DataFileReader reader = await ContentFileOpener.OpenAsync(fileIO, delete, nameMapping, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (ColumnBatch batch in reader.ReadAsync(projection, new DataReadOptions { NameMapping = nameMapping }, cancellationToken).ConfigureAwait(false))
            {
                yield return batch;
            }
        }
    }
}
