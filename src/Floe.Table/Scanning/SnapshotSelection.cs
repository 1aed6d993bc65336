using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Scanning;

/// <summary>Which snapshot a scan reads: the current one, one by id, the head of a branch or tag, or the one current at a time.</summary>
public abstract record SnapshotSelection
{
    private SnapshotSelection()
    {
    }

    public static SnapshotSelection Current { get; } = new CurrentSnapshot();

    public static SnapshotSelection ById(long snapshotId) => new SnapshotWithId(snapshotId);

    public static SnapshotSelection ByRef(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new SnapshotOfRef(name);
    }

    /// <summary>The snapshot that was current at <paramref name="timestampMs"/>, from the snapshot log.</summary>
    public static SnapshotSelection AsOf(long timestampMs) => new SnapshotAsOf(timestampMs);

    /// <summary>The selected snapshot, or null when the table has no current snapshot (an empty table).</summary>
    public abstract Snapshot? Resolve(TableMetadata metadata);

    private sealed record CurrentSnapshot : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata metadata) => metadata.CurrentSnapshot;
    }

    private sealed record SnapshotWithId(long SnapshotId) : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata metadata) => metadata.SnapshotById(SnapshotId)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"The table has no snapshot {SnapshotId}.");
    }

    private sealed record SnapshotOfRef(string Name) : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata metadata)
        {
            SnapshotRef reference = metadata.Ref(Name)
                ?? throw new FloeException(FloeErrorKind.NotFound, $"The table has no branch or tag '{Name}'.");
            return metadata.SnapshotById(reference.SnapshotId)
                ?? throw new FloeException(FloeErrorKind.InvalidData, $"Ref '{Name}' points at snapshot {reference.SnapshotId}, which the table does not have.");
        }
    }

    private sealed record SnapshotAsOf(long TimestampMs) : SnapshotSelection
    {
        public override Snapshot? Resolve(TableMetadata metadata)
        {
            long? id = null;
            foreach (SnapshotLogEntry entry in metadata.SnapshotLog)
            {
                if (entry.TimestampMs <= TimestampMs)
                {
                    id = entry.SnapshotId;
                }
            }

            if (id is not long found)
            {
                string when = DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs).ToString("O", CultureInfo.InvariantCulture);
                throw new FloeException(FloeErrorKind.NotFound, $"The table had no snapshot at {when} ({TimestampMs} ms).");
            }

            return metadata.SnapshotById(found)
                ?? throw new FloeException(FloeErrorKind.NotFound, $"Snapshot {found}, current at {TimestampMs} ms, has been expired.");
        }
    }
}
