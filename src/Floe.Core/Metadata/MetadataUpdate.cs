using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// One change of a REST commit (the <c>action</c> of the catalog's <c>TableUpdate</c>), applied through
/// <see cref="TableMetadataBuilder"/>. <see cref="MetadataUpdateJson"/> reads and writes the JSON form.
/// </summary>
public abstract record MetadataUpdate
{
    private protected MetadataUpdate()
    {
    }

    /// <summary>The JSON <c>action</c> name, e.g. <c>add-snapshot</c>.</summary>
    public abstract string Action { get; }

    public abstract void ApplyTo(TableMetadataBuilder builder);

    public sealed record AssignUuid(Guid Uuid) : MetadataUpdate
    {
        public override string Action => "assign-uuid";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.AssignUuid(Uuid);
    }

    public sealed record UpgradeFormatVersion(int FormatVersion) : MetadataUpdate
    {
        public override string Action => "upgrade-format-version";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.UpgradeFormatVersion(FormatVersion);
    }

    /// <summary>add-schema; <see cref="LastColumnId"/> is the deprecated client value (the builder recomputes it).</summary>
    public sealed record AddSchema(Schema Schema, int? LastColumnId = null) : MetadataUpdate
    {
        public override string Action => "add-schema";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.AddSchema(Schema);
    }

    public sealed record SetCurrentSchema(int SchemaId) : MetadataUpdate
    {
        public override string Action => "set-current-schema";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetCurrentSchema(SchemaId);
    }

    /// <summary>add-spec; fields sent without ids (marked by <see cref="UnassignedFieldIds"/>) get ids after last-partition-id.</summary>
    public sealed record AddSpec(PartitionSpec Spec, IReadOnlySet<int>? UnassignedFieldIds = null) : MetadataUpdate
    {
        public override string Action => "add-spec";

        public override void ApplyTo(TableMetadataBuilder builder)
        {
            if (UnassignedFieldIds is not { Count: > 0 } unassigned)
            {
                builder.AddPartitionSpec(Spec);
                return;
            }

            int next = builder.LastPartitionId;
            var fields = Spec.Fields.Select(f => unassigned.Contains(f.FieldId) ? f with { FieldId = ++next } : f);
            builder.AddPartitionSpec(new PartitionSpec(Spec.SpecId, fields));
        }
    }

    public sealed record SetDefaultSpec(int SpecId) : MetadataUpdate
    {
        public override string Action => "set-default-spec";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetDefaultPartitionSpec(SpecId);
    }

    public sealed record AddSortOrder(SortOrder SortOrder) : MetadataUpdate
    {
        public override string Action => "add-sort-order";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.AddSortOrder(SortOrder);
    }

    public sealed record SetDefaultSortOrder(int SortOrderId) : MetadataUpdate
    {
        public override string Action => "set-default-sort-order";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetDefaultSortOrder(SortOrderId);
    }

    public sealed record AddSnapshot(Snapshot Snapshot) : MetadataUpdate
    {
        public override string Action => "add-snapshot";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.AddSnapshot(Snapshot);
    }

    public sealed record SetSnapshotRef(string RefName, SnapshotRef Ref) : MetadataUpdate
    {
        public override string Action => "set-snapshot-ref";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetRef(RefName, Ref);
    }

    public sealed record RemoveSnapshots(IReadOnlyList<long> SnapshotIds) : MetadataUpdate
    {
        public override string Action => "remove-snapshots";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemoveSnapshots(SnapshotIds);
    }

    public sealed record RemoveSnapshotRef(string RefName) : MetadataUpdate
    {
        public override string Action => "remove-snapshot-ref";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemoveRef(RefName);
    }

    public sealed record SetLocation(string Location) : MetadataUpdate
    {
        public override string Action => "set-location";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetLocation(Location);
    }

    public sealed record SetProperties(IReadOnlyDictionary<string, string> Updates) : MetadataUpdate
    {
        public override string Action => "set-properties";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetProperties(Updates);
    }

    public sealed record RemoveProperties(IReadOnlyList<string> Removals) : MetadataUpdate
    {
        public override string Action => "remove-properties";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemoveProperties(Removals);
    }

    public sealed record SetStatistics(StatisticsFile Statistics) : MetadataUpdate
    {
        public override string Action => "set-statistics";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetStatistics(Statistics);
    }

    public sealed record RemoveStatistics(long SnapshotId) : MetadataUpdate
    {
        public override string Action => "remove-statistics";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemoveStatistics(SnapshotId);
    }

    public sealed record SetPartitionStatistics(PartitionStatisticsFile PartitionStatistics) : MetadataUpdate
    {
        public override string Action => "set-partition-statistics";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.SetPartitionStatistics(PartitionStatistics);
    }

    public sealed record RemovePartitionStatistics(long SnapshotId) : MetadataUpdate
    {
        public override string Action => "remove-partition-statistics";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemovePartitionStatistics(SnapshotId);
    }

    public sealed record RemovePartitionSpecs(IReadOnlyList<int> SpecIds) : MetadataUpdate
    {
        public override string Action => "remove-partition-specs";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemovePartitionSpecs(SpecIds);
    }

    public sealed record RemoveSchemas(IReadOnlyList<int> SchemaIds) : MetadataUpdate
    {
        public override string Action => "remove-schemas";

        public override void ApplyTo(TableMetadataBuilder builder) => builder.RemoveSchemas(SchemaIds);
    }
}
