using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;

namespace Floe.Table.Data.Deletes;

/// <summary>Reads position delete files into sorted row positions per data file.</summary>
public static class PositionDeleteReader
{
    /// <summary>
    /// The deleted positions of each data file named in the delete file (sorted, without duplicates). With
    /// <paramref name="dataFiles"/>, only those data files' deletes are kept.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long[]>> ReadAsync(
        Stream stream, string location, IReadOnlySet<string>? dataFiles = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var positions = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        DataFileReader reader = await DataFileReader.OpenAsync(stream, location, leaveOpen: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var disposeReader = reader.ConfigureAwait(false);
        await foreach (ColumnBatch batch in reader.ReadAsync(MetadataColumns.PositionDeleteSchema, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                var paths = (BinaryVector)batch.Column(0);
                var rows = (PrimitiveVector<long>)batch.Column(1);
                byte[]? lastPath = null;
                List<long>? list = null;
                for (int i = 0; i < batch.RowCount; i++)
                {
                    if (paths.IsNull(i) || rows.IsNull(i))
                    {
                        throw new FloeException(FloeErrorKind.InvalidData, $"{location}: position delete {i} has a null file_path or pos");
                    }

                    // Deletes are sorted by path, so the path string is decoded once per run.
                    if (lastPath is null || !paths.GetBytes(i).SequenceEqual(lastPath))
                    {
                        lastPath = paths.GetBytes(i).ToArray();
                        string path = paths.GetString(i);
                        list = dataFiles is null || dataFiles.Contains(path)
                            ? positions.TryGetValue(path, out List<long>? existing) ? existing : positions[path] = []
                            : null;
                    }

                    list?.Add(rows[i]);
                }
            }
        }

        return positions.ToDictionary(
            pair => pair.Key,
            pair =>
            {
                long[] sorted = [.. pair.Value];
                Array.Sort(sorted);
                return sorted.Distinct().ToArray();
            },
            StringComparer.Ordinal);
    }
}
