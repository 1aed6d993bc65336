using Floe.Common.Columnar;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;
using Floe.Table.Operations;
using Floe.Table.Scanning;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.Maintenance;

/// <summary>What one data expiration removed.</summary>
/// <param name="SnapshotId">The expiration snapshot, or null when nothing had expired.</param>
/// <param name="ExpireMs">Values at or before this time (epoch milliseconds), in the field's type, expired.</param>
/// <param name="DataFiles">Data files removed.</param>
/// <param name="DeleteFiles">Delete files removed with the partitions they belonged to.</param>
/// <param name="Rows">Rows the removed data files held.</param>
/// <param name="UnparseableValues">Date strings that did not parse in the pattern; their files were kept.</param>
public sealed record DataExpirationResult(long? SnapshotId, long ExpireMs, int DataFiles, int DeleteFiles, long Rows, long UnparseableValues = 0);

/// <summary>
/// Data expiration by a column's value (Amoro's <c>data-expire.*</c>): at <c>file</c> level each data file whose upper
/// bound of the field is at or before the expire point goes; at <c>partition</c> level a partition goes, with its delete
/// files, when all of its data files have. One delete snapshot with <c>snapshot.producer=DATA_EXPIRATION</c>.
/// Date-string fields are judged by reading the field's values (text bounds do not order dates): a file goes when
/// every value that is not null parsed and expired; one that does not parse keeps its file and is counted.
/// </summary>
public static class DataExpiration
{
    public const string Producer = "DATA_EXPIRATION";

    /// <summary>Expires the table's data by its properties; <paramref name="now"/> defaults to the clock.</summary>
    public static async Task<DataExpirationResult> ExpireDataAsync(this IcebergTable table, DateTimeOffset? now = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        TableMetadata metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        ExpirePoint point = ExpirePoint.Of(metadata, metadata.CurrentSchema, now ?? DateTimeOffset.UtcNow);
        if (metadata.CurrentSnapshot is not { } current)
        {
            return new DataExpirationResult(null, point.ExpireMs, 0, 0, 0);
        }

        long unparseable = 0;
        NameMapping? nameMapping = point.IsDateString ? TableScan.NameMappingOf(metadata) : null;
        bool partitionLevel = metadata.Settings.Get(MaintenanceProperties.DataExpireLevel) == "partition";
        var partitions = new Dictionary<(int Spec, string Path), (List<ContentFile> Expired, List<ContentFile> Deletes, bool AllExpired)>();
        foreach (ManifestFile manifest in await ManifestIO.ReadManifestListAsync(table.Operations.Io, current, cancellationToken).ConfigureAwait(false))
        {
            foreach (ManifestEntry entry in await ManifestIO.ReadEntriesAsync(table.Operations.Io, manifest, cancellationToken).ConfigureAwait(false))
            {
                if (!entry.IsLive)
                {
                    continue;
                }

                ContentFile file = entry.File;
                PartitionSpec spec = metadata.SpecById(file.SpecId) ?? metadata.DefaultSpec;
                var key = (file.SpecId, spec.PartitionPath(file.Partition));
                var group = partitions.GetValueOrDefault(key, ([], [], true));
                if (file.Content != FileContent.Data)
                {
                    group.Deletes.Add(file);
                }
                else if (point.IsDateString ? await ReadExpiredAsync(table.Operations.Io, file, point, nameMapping, count => unparseable += count, cancellationToken).ConfigureAwait(false)
                    : point.CoversUpperBound(file.UpperBounds?.GetValueOrDefault(point.Field.Id)))
                {
                    group.Expired.Add(file);
                }
                else
                {
                    group.AllExpired = false;
                }

                partitions[key] = group;
            }
        }

        List<ContentFile> dataFiles = [];
        List<ContentFile> deleteFiles = [];
        foreach (var (expired, deletes, allExpired) in partitions.Values)
        {
            if (!partitionLevel)
            {
                dataFiles.AddRange(expired);
            }
            else if (allExpired && expired.Count > 0)
            {
                dataFiles.AddRange(expired);
                deleteFiles.AddRange(deletes);
            }
        }

        if (dataFiles.Count == 0)
        {
            return new DataExpirationResult(null, point.ExpireMs, 0, 0, 0, unparseable);
        }

        DeleteFiles delete = table.NewDelete();
        foreach (ContentFile file in dataFiles.Concat(deleteFiles))
        {
            delete.DeleteFile(file);
        }

        delete.Set(MaintenanceSummary.Producer, Producer);
        TableMetadata committed = await delete.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DataExpirationResult(committed.CurrentSnapshot?.SnapshotId, point.ExpireMs, dataFiles.Count, deleteFiles.Count, dataFiles.Sum(f => f.RecordCount), unparseable);
    }

    /// <summary>Whether every date string of a data file that is not null parsed and expired (and there was one); reports the unparseable ones.</summary>
    private static async Task<bool> ReadExpiredAsync(
        IFileIO io, ContentFile file, ExpirePoint point, NameMapping? nameMapping, Action<long> unparseable, CancellationToken cancellationToken)
    {
        var projection = new Schema([point.Field]);
        bool expired = false;
        bool kept = false;
        long failed = 0;
        DataFileReader reader = await ContentFileOpener.OpenAsync(io, file, nameMapping, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            await foreach (ColumnBatch batch in reader.ReadAsync(projection, new DataReadOptions { NameMapping = nameMapping }, cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    ColumnVector column = batch.Columns[0];
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        switch (point.Judge(column, row))
                        {
                            case ExpiryVerdict.Expired:
                                expired = true;
                                break;
                            case ExpiryVerdict.Unparseable:
                                failed++;
                                kept = true;
                                break;
                            default:
                                kept |= !column.IsNull(row);
                                break;
                        }
                    }
                }
            }
        }

        unparseable(failed);
        return expired && !kept;
    }
}
