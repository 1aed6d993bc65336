using System.Globalization;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Values;

namespace Floe.Table.Data.Writing;

/// <summary>
/// Names new data files as Iceberg writers do: <c>{data path}/{partition path}/{partition id}-{task id}-{operation
/// id}-{file count}.parquet</c>, where the data path is <c>write.data.path</c> or <c>{table location}/data</c>.
/// One instance per writing task; it is thread-safe.
/// </summary>
public sealed class DataLocations
{
    private readonly string _dataPath;
    private readonly string _prefix;
    private int _fileCount;

    public DataLocations(string dataPath, int partitionId = 0, long taskId = 0, string? operationId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataPath);
        _dataPath = dataPath.TrimEnd('/');
        _prefix = string.Create(
            CultureInfo.InvariantCulture, $"{partitionId:00000}-{taskId}-{operationId ?? Guid.NewGuid().ToString()}");
    }

    /// <summary>Locations for a table at <paramref name="tableLocation"/> with its properties.</summary>
    public static DataLocations ForTable(string tableLocation, IReadOnlyDictionary<string, string> properties, long taskId = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableLocation);
        ArgumentNullException.ThrowIfNull(properties);
        return new DataLocations(TableFolders.Data(tableLocation, properties), taskId: taskId);
    }

    /// <summary>A new file location in the partition's folder (the data path itself when unpartitioned).</summary>
    public string NewLocation(PartitionSpec spec, PartitionData partition, string extension = "parquet")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(partition);
        int count = Interlocked.Increment(ref _fileCount);
        string name = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{count:00000}.{extension}");
        return spec.Fields.Count == 0 ? $"{_dataPath}/{name}" : $"{_dataPath}/{spec.PartitionPath(partition)}/{name}";
    }
}
