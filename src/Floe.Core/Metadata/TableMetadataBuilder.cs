using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// Applies changes to table metadata the way the REST catalog's updates do (add-schema, set-current-schema with -1
/// meaning the last added, add-spec, set-default-spec, add-sort-order, set-default-sort-order, add-snapshot,
/// set-snapshot-ref, remove-snapshots, remove-snapshot-ref, set/remove-properties, set-location,
/// upgrade-format-version, assign-uuid, statistics), maintaining last-sequence-number, last-updated-ms, snapshot-log
/// and metadata-log. Invalid changes throw <see cref="FloeException"/> (InvalidArgument; a stale snapshot is a
/// CommitConflict).
/// </summary>
public sealed class TableMetadataBuilder
{
    /// <summary>Means "the last one added by this builder" in set-current-schema, set-default-spec and set-default-sort-order.</summary>
    public const int LastAdded = -1;

    private readonly TableMetadata? _base;
    private readonly TimeProvider _clock;
    private readonly List<Schema> _schemas;
    private readonly List<PartitionSpec> _specs;
    private readonly List<SortOrder> _sortOrders;
    private readonly Dictionary<string, string> _properties;
    private readonly Dictionary<string, SnapshotRef> _refs;
    private readonly List<Snapshot> _snapshots;
    private readonly List<StatisticsFile> _statistics;
    private readonly List<PartitionStatisticsFile> _partitionStatistics;
    private readonly List<SnapshotLogEntry> _snapshotLog;
    private readonly List<MetadataLogEntry> _metadataLog;
    private int _formatVersion;
    private Guid? _uuid;
    private string _location;
    private long _lastSequenceNumber;
    private int _lastColumnId;
    private int _currentSchemaId;
    private int _defaultSpecId;
    private int _lastPartitionId;
    private int _defaultSortOrderId;
    private long? _currentSnapshotId;
    private long? _lastUpdatedMs;
    private int? _lastAddedSchemaId;
    private int? _lastAddedSpecId;
    private int? _lastAddedSortOrderId;
    private readonly List<string> _changes = [];

    private TableMetadataBuilder(TableMetadata? baseMetadata, int formatVersion, TimeProvider? clock)
    {
        _base = baseMetadata;
        _clock = clock ?? TimeProvider.System;
        _formatVersion = baseMetadata?.FormatVersion ?? formatVersion;
        _uuid = baseMetadata?.TableUuid;
        _location = baseMetadata?.Location ?? "";
        _lastSequenceNumber = baseMetadata?.LastSequenceNumber ?? 0;
        _lastColumnId = baseMetadata?.LastColumnId ?? 0;
        _schemas = [.. baseMetadata?.Schemas ?? []];
        _currentSchemaId = baseMetadata?.CurrentSchemaId ?? -1;
        _specs = [.. baseMetadata?.Specs ?? []];
        _defaultSpecId = baseMetadata?.DefaultSpecId ?? -1;
        _lastPartitionId = baseMetadata?.LastPartitionId ?? PartitionSpec.FirstFieldId - 1;
        _sortOrders = [.. baseMetadata?.SortOrders ?? []];
        _defaultSortOrderId = baseMetadata?.DefaultSortOrderId ?? -1;
        _properties = new Dictionary<string, string>(baseMetadata?.Properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        _currentSnapshotId = baseMetadata?.CurrentSnapshotId;
        _refs = new Dictionary<string, SnapshotRef>(baseMetadata?.Refs ?? new Dictionary<string, SnapshotRef>(), StringComparer.Ordinal);
        _snapshots = [.. baseMetadata?.Snapshots ?? []];
        _statistics = [.. baseMetadata?.Statistics ?? []];
        _partitionStatistics = [.. baseMetadata?.PartitionStatistics ?? []];
        _snapshotLog = [.. baseMetadata?.SnapshotLog ?? []];
        _metadataLog = [.. baseMetadata?.MetadataLog ?? []];
    }

    /// <summary>Starts from existing metadata; the new version logs the base's metadata file in metadata-log.</summary>
    public static TableMetadataBuilder From(TableMetadata baseMetadata, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        return new TableMetadataBuilder(baseMetadata, baseMetadata.FormatVersion, clock);
    }

    /// <summary>Starts an empty table of the given format version (as a create transaction does).</summary>
    public static TableMetadataBuilder ForNewTable(int formatVersion = TableMetadata.SupportedFormatVersion, TimeProvider? clock = null)
    {
        CheckFormatVersion(formatVersion);
        return new TableMetadataBuilder(null, formatVersion, clock);
    }

    /// <summary>A readable description of each change applied so far.</summary>
    public IReadOnlyList<string> Changes => _changes;

    public bool HasChanges => _changes.Count > 0;

    /// <summary>The id given to the last schema added (or found equal to an existing one).</summary>
    public int? LastAddedSchemaId => _lastAddedSchemaId;

    public int? LastAddedSpecId => _lastAddedSpecId;

    public int? LastAddedSortOrderId => _lastAddedSortOrderId;

    /// <summary>The highest partition field id assigned so far.</summary>
    public int LastPartitionId => _lastPartitionId;

    /// <summary>Applies REST-style updates in order.</summary>
    public TableMetadataBuilder Apply(IEnumerable<MetadataUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var update in updates)
        {
            update.ApplyTo(this);
        }

        return this;
    }

    public TableMetadataBuilder AssignUuid(Guid uuid)
    {
        if (_uuid != uuid)
        {
            _uuid = uuid;
            _changes.Add($"assign-uuid {uuid}");
        }

        return this;
    }

    public TableMetadataBuilder UpgradeFormatVersion(int formatVersion)
    {
        CheckFormatVersion(formatVersion);
        if (formatVersion < _formatVersion)
        {
            throw Invalid($"Cannot downgrade a v{_formatVersion} table to v{formatVersion}.");
        }

        if (formatVersion != _formatVersion)
        {
            _formatVersion = formatVersion;
            _changes.Add($"upgrade-format-version {formatVersion}");
        }

        return this;
    }

    /// <summary>
    /// Adds a schema. An equal existing schema is reused; otherwise the schema gets the highest id plus one.
    /// last-column-id becomes the larger of the table's and <paramref name="lastColumnId"/> (default: the schema's highest id).
    /// </summary>
    public TableMetadataBuilder AddSchema(Schema schema, int? lastColumnId = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (lastColumnId is int explicitLast && explicitLast < _lastColumnId)
        {
            throw Invalid($"Invalid last-column-id {explicitLast}: below the table's last-column-id {_lastColumnId}.");
        }

        int newLastColumnId = Math.Max(_lastColumnId, lastColumnId ?? schema.HighestFieldId);
        if (schema.HighestFieldId > newLastColumnId)
        {
            throw Invalid($"Invalid schema: field id {schema.HighestFieldId} is above last-column-id {newLastColumnId}.");
        }

        var existing = _schemas.Find(s => s.SameSchema(schema));
        if (existing is not null)
        {
            _lastAddedSchemaId = existing.SchemaId;
            SetLastColumnId(newLastColumnId);
            return this;
        }

        int id = _schemas.Count == 0 ? 0 : _schemas.Max(s => s.SchemaId) + 1;
        _schemas.Add(schema.WithSchemaId(id));
        _lastAddedSchemaId = id;
        SetLastColumnId(newLastColumnId);
        _changes.Add($"add-schema {id}");
        return this;
    }

    public TableMetadataBuilder SetCurrentSchema(int schemaId)
    {
        int id = Resolve(schemaId, _lastAddedSchemaId, "schema");
        if (_schemas.Find(s => s.SchemaId == id) is null)
        {
            throw Invalid($"Cannot set current schema to unknown schema id {id}.");
        }

        if (id != _currentSchemaId)
        {
            _currentSchemaId = id;
            _changes.Add($"set-current-schema {id}");
        }

        return this;
    }

    /// <summary>Adds a schema and makes it current.</summary>
    public TableMetadataBuilder SetCurrentSchema(Schema schema, int? lastColumnId = null) =>
        AddSchema(schema, lastColumnId).SetCurrentSchema(LastAdded);

    /// <summary>
    /// Adds a partition spec, validated against the current schema. A spec with the same fields is reused; otherwise it
    /// gets the highest spec id plus one. last-partition-id grows to cover its field ids.
    /// </summary>
    public TableMetadataBuilder AddPartitionSpec(PartitionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var schema = CurrentSchemaOrThrow("add a partition spec");
        var builder = new PartitionSpecBuilder(schema);
        foreach (var field in spec.Fields)
        {
            if (field.Transform.IsVoid && schema.FindField(field.SourceId) is null)
            {
                continue;
            }

            builder.Add(field.SourceId, field.FieldId, field.Name, field.Transform);
        }

        if (_formatVersion == 1)
        {
            // v1 partition data is positional, so field ids must run 1000, 1001, ... in order.
            for (int i = 0; i < spec.Fields.Count; i++)
            {
                if (spec.Fields[i].FieldId != PartitionSpec.FirstFieldId + i)
                {
                    throw Invalid($"Invalid v1 partition spec: field '{spec.Fields[i].Name}' must have id {PartitionSpec.FirstFieldId + i}.");
                }
            }
        }

        var existing = _specs.Find(s => s.CompatibleWith(spec));
        if (existing is not null)
        {
            _lastAddedSpecId = existing.SpecId;
            return this;
        }

        int id = _specs.Count == 0 ? 0 : _specs.Max(s => s.SpecId) + 1;
        _specs.Add(spec.WithSpecId(id));
        _lastAddedSpecId = id;
        _lastPartitionId = Math.Max(_lastPartitionId, spec.LastAssignedFieldId);
        _changes.Add($"add-spec {id}");
        return this;
    }

    public TableMetadataBuilder SetDefaultPartitionSpec(int specId)
    {
        int id = Resolve(specId, _lastAddedSpecId, "partition spec");
        if (_specs.Find(s => s.SpecId == id) is null)
        {
            throw Invalid($"Cannot set default partition spec to unknown spec id {id}.");
        }

        if (id != _defaultSpecId)
        {
            _defaultSpecId = id;
            _changes.Add($"set-default-spec {id}");
        }

        return this;
    }

    /// <summary>Adds a sort order validated against the current schema; unsorted is always id 0, new orders get max+1.</summary>
    public TableMetadataBuilder AddSortOrder(SortOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var schema = CurrentSchemaOrThrow("add a sort order");
        var builder = new SortOrderBuilder(schema);
        foreach (var field in order.Fields)
        {
            builder.Add(field.SourceId, field.Transform, field.Direction, field.NullOrder);
        }

        var existing = _sortOrders.Find(o => o.SameOrder(order));
        if (existing is not null)
        {
            _lastAddedSortOrderId = existing.OrderId;
            return this;
        }

        int id = order.IsUnsorted ? 0 : Math.Max(1, _sortOrders.Count == 0 ? 1 : _sortOrders.Max(o => o.OrderId) + 1);
        _sortOrders.Add(order.WithOrderId(id));
        _lastAddedSortOrderId = id;
        _changes.Add($"add-sort-order {id}");
        return this;
    }

    public TableMetadataBuilder SetDefaultSortOrder(int orderId)
    {
        int id = Resolve(orderId, _lastAddedSortOrderId, "sort order");
        if (_sortOrders.Find(o => o.OrderId == id) is null)
        {
            throw Invalid($"Cannot set default sort order to unknown order id {id}.");
        }

        if (id != _defaultSortOrderId)
        {
            _defaultSortOrderId = id;
            _changes.Add($"set-default-sort-order {id}");
        }

        return this;
    }

    /// <summary>
    /// Adds a snapshot (without moving any branch). In v2 its sequence number must be above last-sequence-number unless
    /// it has no parent; a stale one is a commit conflict so the writer retries on fresh metadata.
    /// </summary>
    public TableMetadataBuilder AddSnapshot(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (_snapshots.Exists(s => s.SnapshotId == snapshot.SnapshotId))
        {
            throw Invalid($"Snapshot already exists for id {snapshot.SnapshotId}.");
        }

        if (snapshot.SnapshotId <= 0)
        {
            throw Invalid($"Invalid snapshot id {snapshot.SnapshotId}: snapshot ids are positive.");
        }

        if (_formatVersion >= 2 && snapshot.SequenceNumber <= _lastSequenceNumber && snapshot.ParentSnapshotId is not null)
        {
            throw new FloeException(FloeErrorKind.CommitConflict,
                $"Cannot add snapshot {snapshot.SnapshotId} with sequence number {snapshot.SequenceNumber}: not above last sequence number {_lastSequenceNumber}.");
        }

        if (_formatVersion >= 2 && snapshot.ManifestList is null)
        {
            throw Invalid($"Snapshot {snapshot.SnapshotId} has no manifest list; v2 snapshots require one.");
        }

        _snapshots.Add(snapshot);
        _lastUpdatedMs = snapshot.TimestampMs;
        _lastSequenceNumber = Math.Max(_lastSequenceNumber, snapshot.SequenceNumber);
        _changes.Add($"add-snapshot {snapshot.SnapshotId}");
        return this;
    }

    /// <summary>Points a branch or tag at an existing snapshot; setting <c>main</c> changes the current snapshot.</summary>
    public TableMetadataBuilder SetRef(string name, SnapshotRef reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(reference);
        var snapshot = _snapshots.Find(s => s.SnapshotId == reference.SnapshotId)
            ?? throw Invalid($"Cannot set ref '{name}' to unknown snapshot {reference.SnapshotId}.");
        if (name == SnapshotRef.MainBranch && !reference.IsBranch)
        {
            throw Invalid("Ref 'main' must be a branch.");
        }

        if (snapshot.SequenceNumber > _lastSequenceNumber)
        {
            throw Invalid($"Cannot set ref '{name}' to snapshot {snapshot.SnapshotId}: its sequence number {snapshot.SequenceNumber} is above last-sequence-number {_lastSequenceNumber}.");
        }

        if (_refs.TryGetValue(name, out var existing) && existing == reference)
        {
            return this;
        }

        _refs[name] = reference;
        if (name == SnapshotRef.MainBranch)
        {
            _currentSnapshotId = reference.SnapshotId;
            _lastUpdatedMs ??= Now();
            _snapshotLog.Add(new SnapshotLogEntry(_lastUpdatedMs.Value, reference.SnapshotId));
        }

        _changes.Add($"set-snapshot-ref {name} {reference.SnapshotId}");
        return this;
    }

    /// <summary>Moves a branch (default main) to a snapshot, keeping the branch's retention settings.</summary>
    public TableMetadataBuilder SetBranchSnapshot(long snapshotId, string branch = SnapshotRef.MainBranch)
    {
        var reference = _refs.TryGetValue(branch, out var existing)
            ? (existing.IsBranch ? existing with { SnapshotId = snapshotId } : throw Invalid($"Ref '{branch}' is a tag, not a branch."))
            : SnapshotRef.Branch(snapshotId);
        return SetRef(branch, reference);
    }

    /// <summary>Removes a ref; removing <c>main</c> leaves the table without a current snapshot.</summary>
    public TableMetadataBuilder RemoveRef(string name)
    {
        if (!_refs.Remove(name))
        {
            return this;
        }

        if (name == SnapshotRef.MainBranch)
        {
            _currentSnapshotId = null;
        }

        _changes.Add($"remove-snapshot-ref {name}");
        return this;
    }

    /// <summary>Removes snapshots, the refs pointing at them and their statistics files.</summary>
    public TableMetadataBuilder RemoveSnapshots(IEnumerable<long> snapshotIds)
    {
        var ids = snapshotIds.ToHashSet();
        if (_snapshots.RemoveAll(s => ids.Contains(s.SnapshotId)) == 0)
        {
            return this;
        }

        foreach (var (name, reference) in _refs.ToList())
        {
            if (ids.Contains(reference.SnapshotId))
            {
                RemoveRef(name);
            }
        }

        _statistics.RemoveAll(s => ids.Contains(s.SnapshotId));
        _partitionStatistics.RemoveAll(s => ids.Contains(s.SnapshotId));
        _changes.Add($"remove-snapshots {string.Join(',', ids.Order())}");
        return this;
    }

    /// <summary>Sets properties; reserved properties are not stored (a <c>format-version</c> value upgrades the table).</summary>
    public TableMetadataBuilder SetProperties(IReadOnlyDictionary<string, string> updates)
    {
        foreach (var (key, value) in updates)
        {
            if (key == TableProperties.FormatVersion)
            {
                UpgradeFormatVersion(int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int version)
                    ? version
                    : throw Invalid($"Invalid format-version property '{value}'."));
                continue;
            }

            if (TableProperties.Reserved.Contains(key))
            {
                continue;
            }

            TablePropertyRegistry.Find(key)?.Validate(key, value);

            if (!_properties.TryGetValue(key, out string? old) || old != value)
            {
                _properties[key] = value;
                _changes.Add($"set-property {key}");
            }
        }

        return this;
    }

    public TableMetadataBuilder RemoveProperties(IEnumerable<string> keys)
    {
        foreach (string key in keys)
        {
            if (_properties.Remove(key))
            {
                _changes.Add($"remove-property {key}");
            }
        }

        return this;
    }

    /// <summary>Sets the table location (without a trailing slash).</summary>
    public TableMetadataBuilder SetLocation(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        string trimmed = location.Length > 1 ? location.TrimEnd('/') : location;
        if (trimmed != _location)
        {
            _location = trimmed;
            _changes.Add("set-location");
        }

        return this;
    }

    public TableMetadataBuilder SetStatistics(StatisticsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _statistics.RemoveAll(s => s.SnapshotId == file.SnapshotId);
        _statistics.Add(file);
        _changes.Add($"set-statistics {file.SnapshotId}");
        return this;
    }

    public TableMetadataBuilder RemoveStatistics(long snapshotId)
    {
        if (_statistics.RemoveAll(s => s.SnapshotId == snapshotId) > 0)
        {
            _changes.Add($"remove-statistics {snapshotId}");
        }

        return this;
    }

    public TableMetadataBuilder SetPartitionStatistics(PartitionStatisticsFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _partitionStatistics.RemoveAll(s => s.SnapshotId == file.SnapshotId);
        _partitionStatistics.Add(file);
        _changes.Add($"set-partition-statistics {file.SnapshotId}");
        return this;
    }

    public TableMetadataBuilder RemovePartitionStatistics(long snapshotId)
    {
        if (_partitionStatistics.RemoveAll(s => s.SnapshotId == snapshotId) > 0)
        {
            _changes.Add($"remove-partition-statistics {snapshotId}");
        }

        return this;
    }

    /// <summary>Removes schemas other than the current one.</summary>
    public TableMetadataBuilder RemoveSchemas(IEnumerable<int> schemaIds)
    {
        foreach (int id in schemaIds)
        {
            if (id == _currentSchemaId)
            {
                throw Invalid($"Cannot remove the current schema {id}.");
            }

            if (_schemas.RemoveAll(s => s.SchemaId == id) > 0)
            {
                _changes.Add($"remove-schema {id}");
            }
        }

        return this;
    }

    /// <summary>Removes partition specs other than the default one.</summary>
    public TableMetadataBuilder RemovePartitionSpecs(IEnumerable<int> specIds)
    {
        foreach (int id in specIds)
        {
            if (id == _defaultSpecId)
            {
                throw Invalid($"Cannot remove the default partition spec {id}.");
            }

            if (_specs.RemoveAll(s => s.SpecId == id) > 0)
            {
                _changes.Add($"remove-spec {id}");
            }
        }

        return this;
    }

    /// <summary>
    /// The new metadata. Without changes this is the base itself. Otherwise last-updated-ms is the added snapshot's time
    /// (or now), the base's file joins metadata-log (trimmed to write.metadata.previous-versions-max), and snapshot-log
    /// entries older than an expired snapshot are dropped.
    /// </summary>
    public TableMetadata Build()
    {
        if (_base is not null && _changes.Count == 0)
        {
            return _base;
        }

        long lastUpdated = _lastUpdatedMs ?? Now();
        var metadataLog = new List<MetadataLogEntry>(_metadataLog);
        if (_base?.MetadataFileLocation is string previous)
        {
            metadataLog.Add(new MetadataLogEntry(_base.LastUpdatedMs, previous));
        }

        int maxPrevious = MetadataProperties.PreviousVersionsMax.Read(_properties);
        if (metadataLog.Count > maxPrevious)
        {
            metadataLog.RemoveRange(0, metadataLog.Count - maxPrevious);
        }

        var metadata = new TableMetadata
        {
            FormatVersion = _formatVersion,
            TableUuid = _uuid ?? (_formatVersion >= 2 ? Guid.NewGuid() : null),
            Location = _location,
            LastSequenceNumber = _lastSequenceNumber,
            LastUpdatedMs = lastUpdated,
            LastColumnId = _lastColumnId,
            Schemas = [.. _schemas],
            CurrentSchemaId = _currentSchemaId,
            Specs = [.. _specs],
            DefaultSpecId = _defaultSpecId,
            LastPartitionId = _lastPartitionId,
            SortOrders = [.. _sortOrders],
            DefaultSortOrderId = _defaultSortOrderId,
            Properties = new Dictionary<string, string>(_properties, StringComparer.Ordinal),
            CurrentSnapshotId = _currentSnapshotId,
            Refs = new Dictionary<string, SnapshotRef>(_refs, StringComparer.Ordinal),
            Snapshots = [.. _snapshots],
            Statistics = [.. _statistics],
            PartitionStatistics = [.. _partitionStatistics],
            SnapshotLog = TrimSnapshotLog(),
            MetadataLog = metadataLog,
        };
        metadata.Validate(FloeErrorKind.InvalidArgument);
        return metadata;
    }

    private List<SnapshotLogEntry> TrimSnapshotLog()
    {
        // History before a snapshot that no longer exists is unreachable: keep only the entries after the last gap.
        var ids = _snapshots.Select(s => s.SnapshotId).ToHashSet();
        var log = new List<SnapshotLogEntry>();
        foreach (var entry in _snapshotLog)
        {
            if (ids.Contains(entry.SnapshotId))
            {
                log.Add(entry);
            }
            else
            {
                log.Clear();
            }
        }

        return log;
    }

    private Schema CurrentSchemaOrThrow(string action) =>
        _schemas.Find(s => s.SchemaId == _currentSchemaId)
        ?? throw Invalid($"Cannot {action}: the table has no current schema.");

    private void SetLastColumnId(int lastColumnId)
    {
        if (lastColumnId != _lastColumnId)
        {
            _lastColumnId = lastColumnId;
            _changes.Add($"last-column-id {lastColumnId}");
        }
    }

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static int Resolve(int id, int? lastAdded, string what) => id == LastAdded
        ? lastAdded ?? throw Invalid($"Cannot use the last added {what}: no {what} has been added.")
        : id;

    private static void CheckFormatVersion(int formatVersion)
    {
        if (formatVersion is < 1)
        {
            throw Invalid($"Invalid format version {formatVersion}.");
        }

        if (formatVersion > TableMetadata.SupportedFormatVersion)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Format version {formatVersion} is not supported (newest supported: {TableMetadata.SupportedFormatVersion}).");
        }
    }

    private static FloeException Invalid(string message) => new(FloeErrorKind.InvalidArgument, message);
}
