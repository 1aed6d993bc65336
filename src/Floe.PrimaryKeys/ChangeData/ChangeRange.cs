using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// The resolved bounds of a change-data read: changes after <see cref="Start"/> up to and including snapshot
/// <see cref="End"/> (whose sequence number is the last transaction read).
/// </summary>
public sealed record ChangeRange(ChangePosition Start, Snapshot End, Snapshot? StartSnapshot)
{
    /// <summary>The position a consumer stores once it has handled every change of the range.</summary>
    public ChangePosition EndPosition => ChangePosition.AfterSnapshot(End.SnapshotId, End.SequenceNumber);

    /// <summary>True when the range holds no transaction.</summary>
    public bool IsEmpty => Start.TransactionId >= End.SequenceNumber && (Start.IsTransactionBoundary || Start.TransactionId > End.SequenceNumber);

    /// <summary>Resolves and checks the bounds against the change store's metadata.</summary>
    internal static ChangeRange Resolve(string table, TableMetadata change, long? fromSnapshot, ChangePosition? fromPosition, long? toSnapshot)
    {
        Snapshot end = toSnapshot is long to
            ? change.SnapshotById(to) ?? throw new FloeException(FloeErrorKind.NotFound, Format($"Table {table} has no change snapshot {to} (the end of the change read)."))
            : change.CurrentSnapshot ?? throw new FloeException(FloeErrorKind.NotFound, $"Table {table} has no changes yet: its change store has no snapshot.");

        Snapshot? startSnapshot = null;
        ChangePosition start;
        if (fromSnapshot is long from)
        {
            startSnapshot = change.SnapshotById(from)
                ?? throw new FloeException(FloeErrorKind.NotFound, Format($"Table {table} has no change snapshot {from} (the start of the change read); it may have expired. Resume from a stored position instead."));
            start = ChangePosition.AfterSnapshot(from, startSnapshot.SequenceNumber);
        }
        else if (fromPosition is ChangePosition position)
        {
            if (position.TransactionId < 0 || position.Offset < 0)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, Format($"Change position {position} has a negative transaction id or offset."));
            }

            startSnapshot = change.SnapshotById(position.SnapshotId);
            start = position;
        }
        else
        {
            start = ChangePosition.AfterSnapshot(0, 0);
        }

        if (start.TransactionId > end.SequenceNumber)
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                Format($"Table {table}: the change read starts after its end (start at transaction {start.TransactionId}, end snapshot {end.SnapshotId} at transaction {end.SequenceNumber})."));
        }

        if (startSnapshot is not null && !IsAncestor(change, startSnapshot, end))
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                Format($"Table {table}: change snapshot {startSnapshot.SnapshotId} is not an ancestor of change snapshot {end.SnapshotId}."));
        }

        return new ChangeRange(start, end, startSnapshot);
    }

    /// <summary>
    /// Fails when change files of the range were removed (expired) by a snapshot up to the end: reading on would skip
    /// their changes silently. Files older than the start may be gone; they are never read.
    /// </summary>
    internal async Task CheckNothingExpiredAsync(string table, TableMetadata change, IFileIO io, CancellationToken cancellationToken)
    {
        for (Snapshot? snapshot = End; snapshot is not null && snapshot.SequenceNumber > Start.TransactionId; snapshot = Parent(change, snapshot))
        {
            if (!snapshot.Summary.TryGetValue("deleted-data-files", out string? deleted) || deleted == "0")
            {
                continue;
            }

            foreach (ManifestFile manifest in await ManifestListReader.ReadAllAsync(io.NewInputFile(snapshot.ManifestList!), cancellationToken).ConfigureAwait(false))
            {
                if (manifest.AddedSnapshotId != snapshot.SnapshotId || !manifest.HasDeletedFiles)
                {
                    continue;
                }

                foreach (ManifestEntry entry in await ManifestReader.ReadAllAsync(io.NewInputFile(manifest.Path), manifest, cancellationToken).ConfigureAwait(false))
                {
                    if (entry.Status == EntryStatus.Deleted && entry.SnapshotId == snapshot.SnapshotId
                        && entry.DataSequenceNumber is long sequence && sequence >= Start.TransactionId && (sequence > Start.TransactionId || !Start.IsTransactionBoundary))
                    {
                        throw new FloeException(
                            FloeErrorKind.NotFound,
                            Format($"Table {table}: changes of transaction {sequence} were removed from the change store by snapshot {snapshot.SnapshotId} ({entry.File.FilePath}); the read from transaction {Start.TransactionId} would miss them."));
                    }
                }
            }
        }
    }

    private static bool IsAncestor(TableMetadata change, Snapshot ancestor, Snapshot snapshot)
    {
        for (Snapshot? current = snapshot; current is not null; current = Parent(change, current))
        {
            if (current.SnapshotId == ancestor.SnapshotId)
            {
                return true;
            }

            if (current.SequenceNumber < ancestor.SequenceNumber)
            {
                return false;
            }
        }

        // The history below the end was expired: the sequence numbers still order the two.
        return ancestor.SequenceNumber <= snapshot.SequenceNumber;
    }

    private static Snapshot? Parent(TableMetadata change, Snapshot snapshot) =>
        snapshot.ParentSnapshotId is long parent ? change.SnapshotById(parent) : null;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
