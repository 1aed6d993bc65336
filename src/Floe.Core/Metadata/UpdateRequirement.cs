using Floe.Common.Errors;

namespace Floe.Core.Metadata;

/// <summary>
/// A precondition of a REST commit (the catalog's <c>TableRequirement</c>), checked against the current metadata
/// before updates are applied. A failed check is a <see cref="FloeErrorKind.CommitConflict"/> (HTTP 409).
/// </summary>
public abstract record UpdateRequirement
{
    private protected UpdateRequirement()
    {
    }

    /// <summary>The JSON <c>type</c> name, e.g. <c>assert-ref-snapshot-id</c>.</summary>
    public abstract string Type { get; }

    /// <summary>Checks the requirement; <paramref name="current"/> is null when the table does not exist.</summary>
    public void Validate(TableMetadata? current)
    {
        if (current is null && this is not AssertCreate)
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Requirement {Type} failed: the table does not exist.");
        }

        Check(current!);
    }

    private protected abstract void Check(TableMetadata current);

    private protected static FloeException Failed(string message) =>
        new(FloeErrorKind.CommitConflict, $"Requirement failed: {message}");

    public sealed record AssertCreate : UpdateRequirement
    {
        public override string Type => "assert-create";

        private protected override void Check(TableMetadata current)
        {
            if (current is not null)
            {
                throw Failed("the table already exists.");
            }
        }
    }

    public sealed record AssertTableUuid(Guid Uuid) : UpdateRequirement
    {
        public override string Type => "assert-table-uuid";

        private protected override void Check(TableMetadata current)
        {
            if (current.TableUuid != Uuid)
            {
                throw Failed($"table UUID does not match: expected {Uuid} != {current.TableUuid}.");
            }
        }
    }

    /// <summary>The ref must point at <see cref="SnapshotId"/>; null (or -1) means the ref must not exist.</summary>
    public sealed record AssertRefSnapshotId(string Ref, long? SnapshotId) : UpdateRequirement
    {
        public override string Type => "assert-ref-snapshot-id";

        private protected override void Check(TableMetadata current)
        {
            long? expected = SnapshotId == -1 ? null : SnapshotId;
            var reference = current.Ref(Ref);
            if (reference is null)
            {
                if (expected is not null)
                {
                    throw Failed($"branch or tag '{Ref}' is missing, expected snapshot {expected}.");
                }

                return;
            }

            string kind = reference.IsBranch ? "branch" : "tag";
            if (expected is null)
            {
                throw Failed($"{kind} '{Ref}' was created concurrently.");
            }

            if (reference.SnapshotId != expected)
            {
                throw Failed($"{kind} '{Ref}' has changed: expected snapshot {expected} != {reference.SnapshotId}.");
            }
        }
    }

    public sealed record AssertLastAssignedFieldId(int LastAssignedFieldId) : UpdateRequirement
    {
        public override string Type => "assert-last-assigned-field-id";

        private protected override void Check(TableMetadata current)
        {
            if (current.LastColumnId != LastAssignedFieldId)
            {
                throw Failed($"last assigned field id changed: expected {LastAssignedFieldId} != {current.LastColumnId}.");
            }
        }
    }

    public sealed record AssertCurrentSchemaId(int CurrentSchemaId) : UpdateRequirement
    {
        public override string Type => "assert-current-schema-id";

        private protected override void Check(TableMetadata current)
        {
            if (current.CurrentSchemaId != CurrentSchemaId)
            {
                throw Failed($"current schema changed: expected {CurrentSchemaId} != {current.CurrentSchemaId}.");
            }
        }
    }

    public sealed record AssertLastAssignedPartitionId(int LastAssignedPartitionId) : UpdateRequirement
    {
        public override string Type => "assert-last-assigned-partition-id";

        private protected override void Check(TableMetadata current)
        {
            if (current.LastPartitionId != LastAssignedPartitionId)
            {
                throw Failed($"last assigned partition id changed: expected {LastAssignedPartitionId} != {current.LastPartitionId}.");
            }
        }
    }

    public sealed record AssertDefaultSpecId(int DefaultSpecId) : UpdateRequirement
    {
        public override string Type => "assert-default-spec-id";

        private protected override void Check(TableMetadata current)
        {
            if (current.DefaultSpecId != DefaultSpecId)
            {
                throw Failed($"default partition spec changed: expected {DefaultSpecId} != {current.DefaultSpecId}.");
            }
        }
    }

    public sealed record AssertDefaultSortOrderId(int DefaultSortOrderId) : UpdateRequirement
    {
        public override string Type => "assert-default-sort-order-id";

        private protected override void Check(TableMetadata current)
        {
            if (current.DefaultSortOrderId != DefaultSortOrderId)
            {
                throw Failed($"default sort order changed: expected {DefaultSortOrderId} != {current.DefaultSortOrderId}.");
            }
        }
    }
}
