using System.Globalization;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Builds a snapshot summary with the keys and meaning Java writes: what the snapshot added and removed, and the
/// table totals carried forward from the parent's summary.
/// </summary>
internal sealed class SnapshotSummary
{
    private readonly HashSet<(int SpecId, Core.Values.PartitionData Partition)> _changedPartitions = [];
    private long _addedDataFiles;
    private long _removedDataFiles;
    private long _addedDeleteFiles;
    private long _removedDeleteFiles;
    private long _addedRecords;
    private long _removedRecords;
    private long _addedSize;
    private long _removedSize;
    private long _addedPositionDeletes;
    private long _removedPositionDeletes;
    private long _addedEqualityDeletes;
    private long _removedEqualityDeletes;

    public void Added(ContentFile file)
    {
        _changedPartitions.Add((file.SpecId, file.Partition));
        _addedSize += file.FileSizeInBytes;
        switch (file.Content)
        {
            case FileContent.Data:
                _addedDataFiles++;
                _addedRecords += file.RecordCount;
                break;
            case FileContent.PositionDeletes:
                _addedDeleteFiles++;
                _addedPositionDeletes += file.RecordCount;
                break;
            default:
                _addedDeleteFiles++;
                _addedEqualityDeletes += file.RecordCount;
                break;
        }
    }

    public void Removed(ContentFile file)
    {
        _changedPartitions.Add((file.SpecId, file.Partition));
        _removedSize += file.FileSizeInBytes;
        switch (file.Content)
        {
            case FileContent.Data:
                _removedDataFiles++;
                _removedRecords += file.RecordCount;
                break;
            case FileContent.PositionDeletes:
                _removedDeleteFiles++;
                _removedPositionDeletes += file.RecordCount;
                break;
            default:
                _removedDeleteFiles++;
                _removedEqualityDeletes += file.RecordCount;
                break;
        }
    }

    /// <summary>The summary for a snapshot whose parent is <paramref name="parent"/> (null for the first).</summary>
    public Dictionary<string, string> Build(Snapshot? parent, IReadOnlyDictionary<string, string>? extra = null)
    {
        var summary = new Dictionary<string, string>(StringComparer.Ordinal);
        PutIfPositive(summary, "added-data-files", _addedDataFiles);
        PutIfPositive(summary, "deleted-data-files", _removedDataFiles);
        PutIfPositive(summary, "added-delete-files", _addedDeleteFiles);
        PutIfPositive(summary, "removed-delete-files", _removedDeleteFiles);
        PutIfPositive(summary, "added-records", _addedRecords);
        PutIfPositive(summary, "deleted-records", _removedRecords);
        PutIfPositive(summary, "added-files-size", _addedSize);
        PutIfPositive(summary, "removed-files-size", _removedSize);
        PutIfPositive(summary, "added-position-deletes", _addedPositionDeletes);
        PutIfPositive(summary, "removed-position-deletes", _removedPositionDeletes);
        PutIfPositive(summary, "added-equality-deletes", _addedEqualityDeletes);
        PutIfPositive(summary, "removed-equality-deletes", _removedEqualityDeletes);
        summary["changed-partition-count"] = Text(_changedPartitions.Count);

        Total(summary, parent, "total-records", _addedRecords - _removedRecords);
        Total(summary, parent, "total-files-size", _addedSize - _removedSize);
        Total(summary, parent, "total-data-files", _addedDataFiles - _removedDataFiles);
        Total(summary, parent, "total-delete-files", _addedDeleteFiles - _removedDeleteFiles);
        Total(summary, parent, "total-position-deletes", _addedPositionDeletes - _removedPositionDeletes);
        Total(summary, parent, "total-equality-deletes", _addedEqualityDeletes - _removedEqualityDeletes);
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                summary[key] = value;
            }
        }

        return summary;
    }

    private static void Total(Dictionary<string, string> summary, Snapshot? parent, string key, long change)
    {
        // Like Java: without a parent the total starts at zero; a parent without the total leaves it unknown.
        long previous = 0;
        if (parent is not null
            && !(parent.Summary.TryGetValue(key, out string? text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out previous)))
        {
            return;
        }

        summary[key] = Text(previous + change);
    }

    private static void PutIfPositive(Dictionary<string, string> summary, string key, long value)
    {
        if (value > 0)
        {
            summary[key] = Text(value);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
