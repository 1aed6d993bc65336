using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Floe.Common.Caching;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Reads delete files, each once per loader however many tasks it applies to: position deletes as sorted positions
/// per data file (also kept across scans in <see cref="ScanCaches.PositionDeletes"/>), equality deletes as a set of
/// serialized keys. Safe to share between tasks read in parallel.
/// </summary>
internal sealed class DeleteLoader(IFileIO fileIO, NameMapping? nameMapping)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<string, long[]>>>> _positions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<EqualityKeySet>>> _equalityKeys = new(StringComparer.Ordinal);

    /// <summary>The sorted positions that the position delete files remove from <paramref name="dataFilePath"/>.</summary>
    public async Task<long[]> LoadPositionsAsync(IEnumerable<DeleteFile> deletes, string dataFilePath, CancellationToken cancellationToken)
    {
        long[]? single = null;
        List<long>? merged = null;
        foreach (DeleteFile delete in deletes)
        {
            IReadOnlyDictionary<string, long[]> byFile = await _positions.GetOrAdd(
                delete.FilePath, _ => new Lazy<Task<IReadOnlyDictionary<string, long[]>>>(() => PositionsOfAsync(delete))).Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!byFile.TryGetValue(dataFilePath, out long[]? positions))
            {
                continue;
            }

            if (single is null && merged is null)
            {
                single = positions;
            }
            else
            {
                merged ??= [.. single!];
                merged.AddRange(positions);
            }
        }

        if (merged is null)
        {
            return single ?? [];
        }

        long[] sorted = [.. merged];
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The keys of an equality delete file on its equality fields, resolved in <paramref name="schema"/>.</summary>
    public Task<EqualityKeySet> LoadEqualityKeysAsync(DeleteFile delete, Schema schema, CancellationToken cancellationToken) =>
        _equalityKeys.GetOrAdd(delete.FilePath, _ => new Lazy<Task<EqualityKeySet>>(() => ReadEqualityKeysAsync(delete, schema, CancellationToken.None)))
            .Value.WaitAsync(cancellationToken);

    /// <summary>A position delete file's positions: cached (by path and length), else read and kept.</summary>
    private async Task<IReadOnlyDictionary<string, long[]>> PositionsOfAsync(DeleteFile delete)
    {
        ByteBoundedCache<FileKey, PositionDeletes> cache = ScanCaches.PositionDeletes;
        if (!cache.Enabled)
        {
            return await ReadPositionsAsync(delete, CancellationToken.None).ConfigureAwait(false);
        }

        PositionDeletes positions = await cache.GetOrLoadAsync(new FileKey(delete.FilePath, delete.FileSizeInBytes), delete, async (file, ct) =>
        {
            var read = new PositionDeletes(await ReadPositionsAsync(file, ct).ConfigureAwait(false));
            return (read, read.Bytes);
        }, CancellationToken.None).ConfigureAwait(false);
        return positions.ByDataFile;
    }

    private async Task<Dictionary<string, long[]>> ReadPositionsAsync(DeleteFile delete, CancellationToken cancellationToken)
    {
        var byFile = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        byte[]? lastPathBytes = null;
        List<long>? current = null;
        await foreach (ColumnBatch batch in ReadAsync(delete, MetadataColumns.PositionDeleteSchema, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                var paths = (BinaryVector)batch.Column(0);
                var rows = (PrimitiveVector<long>)batch.Column(1);
                for (int i = 0; i < batch.RowCount; i++)
                {
                    if (paths.IsNull(i) || rows.IsNull(i))
                    {
                        throw new FloeException(FloeErrorKind.InvalidData, $"Position delete file {delete.FilePath} has a null file_path or pos in row {i}.");
                    }

                    // Rows are sorted by path, so the path string is decoded once per run of equal paths.
                    ReadOnlySpan<byte> path = paths.GetBytes(i);
                    if (lastPathBytes is null || !path.SequenceEqual(lastPathBytes))
                    {
                        lastPathBytes = path.ToArray();
                        string text = Encoding.UTF8.GetString(path);
                        if (!byFile.TryGetValue(text, out current))
                        {
                            current = [];
                            byFile[text] = current;
                        }
                    }

                    current!.Add(rows[i]);
                }
            }
        }

        var result = new Dictionary<string, long[]>(byFile.Count, StringComparer.Ordinal);
        foreach ((string path, List<long> positions) in byFile)
        {
            long[] sorted = [.. positions];
            Array.Sort(sorted);
            result[path] = sorted;
        }

        return result;
    }

    private async Task<EqualityKeySet> ReadEqualityKeysAsync(DeleteFile delete, Schema schema, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> ids = delete.EqualityIds is { Count: > 0 } equalityIds
            ? equalityIds
            : throw new FloeException(FloeErrorKind.InvalidData, $"Equality delete file {delete.FilePath} lists no equality field ids.");
        Schema deleteSchema = SchemaProjection.Project(schema, ids);
        FieldAccessor[] fields = [.. ids.Select(id => FieldAccessor.Create(deleteSchema, id))];
        EqualityKeySet? keys = null;
        using var encoder = new RowKeyEncoder(fields);
        await foreach (ColumnBatch batch in ReadAsync(delete, deleteSchema, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                encoder.Bind(batch);
                // One integer field (the usual id key) keeps its values; anything else keeps encoded keys.
                keys ??= encoder.SingleIntegerField is not null ? EqualityKeySet.ForIntegers() : EqualityKeySet.ForEncodedKeys();
                if (keys.IsIntegers)
                {
                    ColumnVector[] chain = encoder.SingleIntegerField!;
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        keys.AddInteger(FieldAccessor.IsNull(chain, i) ? null : IntegerAt(chain[^1], i));
                    }
                }
                else
                {
                    for (int i = 0; i < batch.RowCount; i++)
                    {
                        keys.Add(encoder.Encode(i));
                    }
                }
            }
        }

        return keys ?? EqualityKeySet.ForEncodedKeys();
    }

    private static long IntegerAt(ColumnVector vector, int row) => vector is PrimitiveVector<long> longs ? longs[row] : ((PrimitiveVector<int>)vector)[row];

    private async IAsyncEnumerable<ColumnBatch> ReadAsync(
        DeleteFile delete, Schema projection, [EnumeratorCancellation] CancellationToken cancellationToken)
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
