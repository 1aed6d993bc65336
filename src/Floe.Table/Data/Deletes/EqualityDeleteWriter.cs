using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Data.Metrics;
using Floe.Table.Data.Writing;

namespace Floe.Table.Data.Deletes;

/// <summary>
/// Writes an equality delete file: rows in <see cref="DeleteSchema"/> (the table schema, or a projection of it
/// holding at least the equality columns) whose equality column values identify the table rows to delete.
/// </summary>
public sealed class EqualityDeleteWriter : IAsyncDisposable
{
    private readonly ParquetContentWriter _writer;
    private readonly DataWriterConfig _config;
    private readonly PartitionData _partition;
    private readonly IReadOnlyList<int> _equalityIds;
    private DeleteFile? _result;

    /// <param name="output">Where the bytes go.</param>
    /// <param name="location">The file's location.</param>
    /// <param name="config">The delete schema (<see cref="DataWriterConfig.Schema"/>), spec, metrics and Parquet options.</param>
    /// <param name="equalityIds">Field ids compared to find deleted rows; each must be a primitive column of the delete schema outside lists and maps.</param>
    /// <param name="partition">The partition the deletes apply to.</param>
    /// <param name="leaveOpen">Whether <paramref name="output"/> stays open after the writer.</param>
    public EqualityDeleteWriter(
        Stream output, string location, DataWriterConfig config, IReadOnlyList<int> equalityIds, PartitionData? partition = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(equalityIds);
        if (equalityIds.Count == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "an equality delete file needs at least one equality field id");
        }

        foreach (int id in equalityIds)
        {
            if (config.Schema.FindType(id) is not PrimitiveType || InsideRepeated(config.Schema, id))
            {
                throw new FloeException(
                    FloeErrorKind.InvalidArgument, $"equality field id {id} is not a primitive column of the delete schema outside lists and maps");
            }
        }

        Location = location;
        _config = config;
        _partition = partition ?? PartitionData.Empty;
        _equalityIds = [.. equalityIds];
        DeleteSchema = config.Schema;
        _writer = new ParquetContentWriter(output, config.Schema, config.Metrics, config.Parquet, leaveOpen);
    }

    /// <summary>Where the file is written.</summary>
    public string Location { get; }

    /// <summary>The schema of the delete rows.</summary>
    public Schema DeleteSchema { get; }

    /// <summary>The columns batches must have.</summary>
    public IReadOnlyList<ColumnField> Fields => _writer.Fields;

    /// <summary>Adds delete rows.</summary>
    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_result is not null, this);
        return _writer.WriteAsync(batch, cancellationToken);
    }

    /// <summary>Finishes the file and describes it.</summary>
    public async ValueTask<DeleteFile> CloseAsync(CancellationToken cancellationToken = default)
    {
        if (_result is null)
        {
            FileMetrics metrics = await _writer.CloseAsync(cancellationToken).ConfigureAwait(false);
            _result = DeleteFiles.Describe(FileContent.EqualityDeletes, Location, _config.Spec, _partition, metrics, _equalityIds);
        }

        return _result;
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static bool InsideRepeated(Schema schema, int id)
    {
        for (int? parent = schema.FindParentId(id); parent is int p; parent = schema.FindParentId(p))
        {
            if (schema.FindType(p) is ListType or MapType)
            {
                return true;
            }
        }

        return false;
    }
}
