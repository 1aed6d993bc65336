using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// The content of a table metadata file (format v1 or v2). Instances are immutable and always valid: they come from
/// <see cref="TableMetadataParser"/>, <see cref="TableMetadataBuilder"/> or <see cref="NewTable"/>, which enforce
/// the rules other Iceberg readers enforce.
/// </summary>
public sealed class TableMetadata
{
    /// <summary>The newest format version this model reads and writes.</summary>
    public const int SupportedFormatVersion = 2;

    private Dictionary<long, Snapshot>? _snapshotsById;

    internal TableMetadata()
    {
    }

    public int FormatVersion { get; internal init; }

    /// <summary>The table UUID (optional only in v1).</summary>
    public Guid? TableUuid { get; internal init; }

    public string Location { get; internal init; } = "";

    public long LastSequenceNumber { get; internal init; }

    public long LastUpdatedMs { get; internal init; }

    public int LastColumnId { get; internal init; }

    public IReadOnlyList<Schema> Schemas { get; internal init; } = [];

    public int CurrentSchemaId { get; internal init; }

    public IReadOnlyList<PartitionSpec> Specs { get; internal init; } = [];

    public int DefaultSpecId { get; internal init; }

    public int LastPartitionId { get; internal init; }

    public IReadOnlyList<SortOrder> SortOrders { get; internal init; } = [];

    public int DefaultSortOrderId { get; internal init; }

    public IReadOnlyDictionary<string, string> Properties { get; internal init; } = new Dictionary<string, string>();

    /// <summary>The typed values of <see cref="Properties"/>, each parsed once for this metadata.</summary>
    public TableSettings Settings => _settings ??= new TableSettings(Properties);

    private TableSettings? _settings;

    /// <summary>The current snapshot id, or null for a table without snapshots (written as -1).</summary>
    public long? CurrentSnapshotId { get; internal init; }

    public IReadOnlyDictionary<string, SnapshotRef> Refs { get; internal init; } = new Dictionary<string, SnapshotRef>();

    public IReadOnlyList<Snapshot> Snapshots { get; internal init; } = [];

    public IReadOnlyList<StatisticsFile> Statistics { get; internal init; } = [];

    public IReadOnlyList<PartitionStatisticsFile> PartitionStatistics { get; internal init; } = [];

    public IReadOnlyList<SnapshotLogEntry> SnapshotLog { get; internal init; } = [];

    public IReadOnlyList<MetadataLogEntry> MetadataLog { get; internal init; } = [];

    /// <summary>The file this metadata was read from or written to, if known; the next version logs it in <c>metadata-log</c>.</summary>
    public string? MetadataFileLocation { get; internal init; }

    public Schema CurrentSchema => SchemaById(CurrentSchemaId)!;

    public PartitionSpec DefaultSpec => SpecById(DefaultSpecId)!;

    public SortOrder DefaultSortOrder => SortOrderById(DefaultSortOrderId)!;

    public Snapshot? CurrentSnapshot => CurrentSnapshotId is long id ? SnapshotById(id) : null;

    public Schema? SchemaById(int schemaId) => Schemas.FirstOrDefault(s => s.SchemaId == schemaId);

    public PartitionSpec? SpecById(int specId) => Specs.FirstOrDefault(s => s.SpecId == specId);

    public SortOrder? SortOrderById(int orderId) => SortOrders.FirstOrDefault(o => o.OrderId == orderId);

    public Snapshot? SnapshotById(long snapshotId)
    {
        IReadOnlyList<Snapshot> snapshots = Snapshots;
        if (snapshots.Count <= 8)
        {
            foreach (Snapshot snapshot in snapshots)
            {
                if (snapshot.SnapshotId == snapshotId)
                {
                    return snapshot;
                }
            }

            return null;
        }

        // A table keeps thousands of snapshots, and scans, commits and ancestry walks look them up by id again and
        // again: they are indexed once (the metadata never changes; a race builds the same index twice).
        Dictionary<long, Snapshot> byId = _snapshotsById ??= IndexSnapshots(snapshots);
        return byId.GetValueOrDefault(snapshotId);
    }

    private static Dictionary<long, Snapshot> IndexSnapshots(IReadOnlyList<Snapshot> snapshots)
    {
        var byId = new Dictionary<long, Snapshot>(snapshots.Count);
        foreach (Snapshot snapshot in snapshots)
        {
            byId.TryAdd(snapshot.SnapshotId, snapshot);
        }

        return byId;
    }

    public SnapshotRef? Ref(string name) => Refs.GetValueOrDefault(name);

    /// <summary>The snapshot a branch or tag points at, or null.</summary>
    public Snapshot? SnapshotForRef(string name) => Ref(name) is { } r ? SnapshotById(r.SnapshotId) : null;

    public string? Property(string name) => Properties.GetValueOrDefault(name);

    /// <summary>The same metadata remembered as stored at <paramref name="location"/>.</summary>
    public TableMetadata WithMetadataFileLocation(string location) => Copy(location);

    /// <summary>
    /// The snapshots from <paramref name="snapshotId"/> back through its parents (stops at a parent that was expired).
    /// </summary>
    public IEnumerable<Snapshot> Ancestors(long snapshotId)
    {
        var seen = new HashSet<long>();
        for (var snapshot = SnapshotById(snapshotId); snapshot is not null && seen.Add(snapshot.SnapshotId);
             snapshot = snapshot.ParentSnapshotId is long parent ? SnapshotById(parent) : null)
        {
            yield return snapshot;
        }
    }

    private TableMetadata Copy(string? location) => new()
    {
        _settings = _settings,
        FormatVersion = FormatVersion,
        TableUuid = TableUuid,
        Location = Location,
        LastSequenceNumber = LastSequenceNumber,
        LastUpdatedMs = LastUpdatedMs,
        LastColumnId = LastColumnId,
        Schemas = Schemas,
        CurrentSchemaId = CurrentSchemaId,
        Specs = Specs,
        DefaultSpecId = DefaultSpecId,
        LastPartitionId = LastPartitionId,
        SortOrders = SortOrders,
        DefaultSortOrderId = DefaultSortOrderId,
        Properties = Properties,
        CurrentSnapshotId = CurrentSnapshotId,
        Refs = Refs,
        Snapshots = Snapshots,
        Statistics = Statistics,
        PartitionStatistics = PartitionStatistics,
        SnapshotLog = SnapshotLog,
        MetadataLog = MetadataLog,
        MetadataFileLocation = location,
    };

    /// <summary>Checks the rules other readers enforce; <paramref name="kind"/> is InvalidData for files, InvalidArgument for updates.</summary>
    internal void Validate(FloeErrorKind kind)
    {
        FloeException Fail(string message) => new(kind, $"Invalid table metadata: {message}");

        if (FormatVersion < 1)
        {
            throw Fail($"format-version {FormatVersion} is not valid.");
        }

        if (FormatVersion > SupportedFormatVersion)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Unsupported table metadata: format-version {FormatVersion} is newer than the supported version {SupportedFormatVersion}.");
        }

        if (FormatVersion >= 2 && TableUuid is null)
        {
            throw Fail("table-uuid is required in format v2.");
        }

        if (string.IsNullOrEmpty(Location))
        {
            throw Fail("location is empty.");
        }

        CheckUnique(Schemas.Select(s => s.SchemaId), "schema-id", "schemas", Fail);
        CheckUnique(Specs.Select(s => s.SpecId), "spec-id", "partition-specs", Fail);
        CheckUnique(SortOrders.Select(s => s.OrderId), "order-id", "sort-orders", Fail);
        CheckUnique(Snapshots.Select(s => s.SnapshotId), "snapshot-id", "snapshots", Fail);

        if (SchemaById(CurrentSchemaId) is null)
        {
            throw Fail($"current-schema-id {CurrentSchemaId} is not one of the schemas.");
        }

        int highestColumnId = Schemas.Max(s => s.HighestFieldId);
        if (LastColumnId < highestColumnId)
        {
            throw Fail($"last-column-id {LastColumnId} is below the highest field id {highestColumnId} in the schemas.");
        }

        if (SpecById(DefaultSpecId) is null)
        {
            throw Fail($"default-spec-id {DefaultSpecId} is not one of the partition-specs.");
        }

        int highestPartitionId = Specs.Max(s => s.LastAssignedFieldId);
        if (LastPartitionId < highestPartitionId)
        {
            throw Fail($"last-partition-id {LastPartitionId} is below the highest partition field id {highestPartitionId}.");
        }

        if (SortOrderById(DefaultSortOrderId) is null)
        {
            throw Fail($"default-sort-order-id {DefaultSortOrderId} is not one of the sort-orders.");
        }

        foreach (var snapshot in Snapshots)
        {
            if (snapshot.SequenceNumber > LastSequenceNumber)
            {
                throw Fail($"snapshot {snapshot.SnapshotId} has sequence-number {snapshot.SequenceNumber}, above last-sequence-number {LastSequenceNumber}.");
            }
        }

        if (CurrentSnapshotId is long current && SnapshotById(current) is null)
        {
            throw Fail($"current-snapshot-id {current} is not one of the snapshots.");
        }

        foreach (var (name, reference) in Refs)
        {
            if (SnapshotById(reference.SnapshotId) is null)
            {
                throw Fail($"ref '{name}' points at snapshot {reference.SnapshotId}, which is not one of the snapshots.");
            }
        }

        if (Refs.TryGetValue(SnapshotRef.MainBranch, out var main))
        {
            if (!main.IsBranch)
            {
                throw Fail("ref 'main' must be a branch.");
            }

            if (CurrentSnapshotId != main.SnapshotId)
            {
                throw Fail(CurrentSnapshotId is null
                    ? $"refs.main points at snapshot {main.SnapshotId} but there is no current-snapshot-id."
                    : $"refs.main points at snapshot {main.SnapshotId} but current-snapshot-id is {CurrentSnapshotId}.");
            }
        }
    }

    private static void CheckUnique<T>(IEnumerable<T> ids, string idName, string listName, Func<string, FloeException> fail)
    {
        var seen = new HashSet<T>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw fail($"{idName} {id} appears more than once in {listName}.");
            }
        }

        if (seen.Count == 0 && listName is "schemas" or "partition-specs" or "sort-orders")
        {
            throw fail($"{listName} is empty.");
        }
    }
}
