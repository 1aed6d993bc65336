using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>Moves the current snapshot (rollback, set current) and creates or removes branches and tags.</summary>
public sealed class ManageSnapshots : MetadataChange
{
    private readonly List<Func<TableMetadata, TableMetadataBuilder, TableMetadataBuilder>> _steps = [];

    internal ManageSnapshots(ITableOperations operations)
        : base(operations)
    {
    }

    /// <summary>Makes an older snapshot current; it must be an ancestor of the current snapshot when the commit applies.</summary>
    public ManageSnapshots RollbackTo(long snapshotId) => Step((current, builder) =>
    {
        if (current.CurrentSnapshotId is not long head || !current.Ancestors(head).Any(s => s.SnapshotId == snapshotId))
        {
            throw new ValidationException($"Cannot roll back to snapshot {snapshotId}: it is not an ancestor of the current snapshot {current.CurrentSnapshotId?.ToString() ?? "(none)"}.");
        }

        return builder.SetBranchSnapshot(snapshotId);
    });

    /// <summary>Rolls back to the newest ancestor committed at or before <paramref name="timestampMs"/>.</summary>
    public ManageSnapshots RollbackToTime(long timestampMs) => Step((current, builder) =>
    {
        var target = current.CurrentSnapshotId is long head
            ? current.Ancestors(head).FirstOrDefault(s => s.TimestampMs <= timestampMs)
            : null;
        return target is null
            ? throw new ValidationException($"Cannot roll back to time {timestampMs}: no ancestor of the current snapshot is that old.")
            : builder.SetBranchSnapshot(target.SnapshotId);
    });

    /// <summary>Makes any existing snapshot current (it need not be an ancestor).</summary>
    public ManageSnapshots SetCurrentSnapshot(long snapshotId) => Step((current, builder) =>
        builder.SetBranchSnapshot(RequireSnapshot(current, snapshotId).SnapshotId));

    public ManageSnapshots CreateBranch(string name, long snapshotId) => Step((current, builder) =>
    {
        RequireNoRef(current, name);
        return builder.SetRef(name, SnapshotRef.Branch(RequireSnapshot(current, snapshotId).SnapshotId));
    });

    public ManageSnapshots CreateTag(string name, long snapshotId) => Step((current, builder) =>
    {
        RequireNoRef(current, name);
        return builder.SetRef(name, SnapshotRef.Tag(RequireSnapshot(current, snapshotId).SnapshotId));
    });

    /// <summary>Removes a branch or tag other than <c>main</c>.</summary>
    public ManageSnapshots RemoveRef(string name) => Step((current, builder) =>
    {
        if (name == SnapshotRef.MainBranch)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Cannot remove the main branch.");
        }

        return current.Ref(name) is null
            ? throw new ValidationException($"Cannot remove ref '{name}': it does not exist.")
            : builder.RemoveRef(name);
    });

    protected internal override TableMetadata Apply(TableMetadata current)
    {
        var builder = TableMetadataBuilder.From(current);
        foreach (var step in _steps)
        {
            builder = step(current, builder);
        }

        return builder.Build();
    }

    private ManageSnapshots Step(Func<TableMetadata, TableMetadataBuilder, TableMetadataBuilder> step)
    {
        _steps.Add(step);
        return this;
    }

    private static Snapshot RequireSnapshot(TableMetadata current, long snapshotId) =>
        current.SnapshotById(snapshotId) ?? throw new ValidationException($"Snapshot {snapshotId} does not exist.");

    private static void RequireNoRef(TableMetadata current, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (current.Ref(name) is not null)
        {
            throw new ValidationException($"Ref '{name}' already exists.");
        }
    }
}
