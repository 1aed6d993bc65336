namespace Floe.Core.Metadata;

/// <summary>
/// The REST form of a metadata change: the updates that turn one metadata version into the next, and the requirements
/// that must hold on the server for them to apply (as Java's <c>UpdateRequirements.forUpdateTable</c> derives them).
/// </summary>
public static class MetadataChanges
{
    /// <summary>The updates that turn <paramref name="baseMetadata"/> into <paramref name="updated"/>, in an order the builder accepts.</summary>
    public static IReadOnlyList<MetadataUpdate> Between(TableMetadata baseMetadata, TableMetadata updated)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        ArgumentNullException.ThrowIfNull(updated);
        var updates = new List<MetadataUpdate>();
        if (updated.TableUuid is { } uuid && uuid != baseMetadata.TableUuid)
        {
            updates.Add(new MetadataUpdate.AssignUuid(uuid));
        }

        if (updated.FormatVersion != baseMetadata.FormatVersion)
        {
            updates.Add(new MetadataUpdate.UpgradeFormatVersion(updated.FormatVersion));
        }

        var addedSchemas = updated.Schemas.Where(s => baseMetadata.SchemaById(s.SchemaId) is null).ToList();
        updates.AddRange(addedSchemas.Select(s => new MetadataUpdate.AddSchema(s)));
        if (updated.CurrentSchemaId != baseMetadata.CurrentSchemaId)
        {
            bool added = addedSchemas.Count > 0 && addedSchemas[^1].SchemaId == updated.CurrentSchemaId;
            updates.Add(new MetadataUpdate.SetCurrentSchema(added ? TableMetadataBuilder.LastAdded : updated.CurrentSchemaId));
        }

        var addedSpecs = updated.Specs.Where(s => baseMetadata.SpecById(s.SpecId) is null).ToList();
        updates.AddRange(addedSpecs.Select(s => new MetadataUpdate.AddSpec(s)));
        if (updated.DefaultSpecId != baseMetadata.DefaultSpecId)
        {
            bool added = addedSpecs.Count > 0 && addedSpecs[^1].SpecId == updated.DefaultSpecId;
            updates.Add(new MetadataUpdate.SetDefaultSpec(added ? TableMetadataBuilder.LastAdded : updated.DefaultSpecId));
        }

        var addedOrders = updated.SortOrders.Where(o => baseMetadata.SortOrderById(o.OrderId) is null).ToList();
        updates.AddRange(addedOrders.Select(o => new MetadataUpdate.AddSortOrder(o)));
        if (updated.DefaultSortOrderId != baseMetadata.DefaultSortOrderId)
        {
            bool added = addedOrders.Count > 0 && addedOrders[^1].OrderId == updated.DefaultSortOrderId;
            updates.Add(new MetadataUpdate.SetDefaultSortOrder(added ? TableMetadataBuilder.LastAdded : updated.DefaultSortOrderId));
        }

        if (updated.Location != baseMetadata.Location)
        {
            updates.Add(new MetadataUpdate.SetLocation(updated.Location));
        }

        AddSnapshotChanges(baseMetadata, updated, updates);
        AddPropertyChanges(baseMetadata, updated, updates);
        AddStatisticsChanges(baseMetadata, updated, updates);

        var removedSpecs = baseMetadata.Specs.Where(s => updated.SpecById(s.SpecId) is null).Select(s => s.SpecId).ToList();
        if (removedSpecs.Count > 0)
        {
            updates.Add(new MetadataUpdate.RemovePartitionSpecs(removedSpecs));
        }

        var removedSchemas = baseMetadata.Schemas.Where(s => updated.SchemaById(s.SchemaId) is null).Select(s => s.SchemaId).ToList();
        if (removedSchemas.Count > 0)
        {
            updates.Add(new MetadataUpdate.RemoveSchemas(removedSchemas));
        }

        return updates;
    }

    /// <summary>The updates that create <paramref name="metadata"/> from nothing (with <c>assert-create</c>).</summary>
    public static IReadOnlyList<MetadataUpdate> ForCreate(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var updates = new List<MetadataUpdate>();
        if (metadata.TableUuid is { } uuid)
        {
            updates.Add(new MetadataUpdate.AssignUuid(uuid));
        }

        updates.Add(new MetadataUpdate.UpgradeFormatVersion(metadata.FormatVersion));
        updates.AddRange(metadata.Schemas.Select(s => new MetadataUpdate.AddSchema(s)));
        updates.Add(new MetadataUpdate.SetCurrentSchema(metadata.CurrentSchemaId));
        updates.AddRange(metadata.Specs.Select(s => new MetadataUpdate.AddSpec(s)));
        updates.Add(new MetadataUpdate.SetDefaultSpec(metadata.DefaultSpecId));
        updates.AddRange(metadata.SortOrders.Select(o => new MetadataUpdate.AddSortOrder(o)));
        updates.Add(new MetadataUpdate.SetDefaultSortOrder(metadata.DefaultSortOrderId));
        updates.Add(new MetadataUpdate.SetLocation(metadata.Location));
        if (metadata.Properties.Count > 0)
        {
            updates.Add(new MetadataUpdate.SetProperties(metadata.Properties));
        }

        updates.AddRange(metadata.Snapshots.Select(s => new MetadataUpdate.AddSnapshot(s)));
        updates.AddRange(metadata.Refs.Select(r => new MetadataUpdate.SetSnapshotRef(r.Key, r.Value)));
        return updates;
    }

    /// <summary>
    /// The requirements for committing <paramref name="updates"/> made on <paramref name="baseMetadata"/>: the table is
    /// the same table, and everything the updates build on (changed refs, last ids, current schema, defaults) is unchanged.
    /// </summary>
    public static IReadOnlyList<UpdateRequirement> RequirementsFor(TableMetadata baseMetadata, IReadOnlyList<MetadataUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        ArgumentNullException.ThrowIfNull(updates);
        var requirements = new List<UpdateRequirement>();
        if (baseMetadata.TableUuid is { } uuid)
        {
            requirements.Add(new UpdateRequirement.AssertTableUuid(uuid));
        }

        var refs = new HashSet<string>(StringComparer.Ordinal);
        void Add(UpdateRequirement requirement)
        {
            if (!requirements.Contains(requirement))
            {
                requirements.Add(requirement);
            }
        }

        foreach (var update in updates)
        {
            switch (update)
            {
                case MetadataUpdate.SetSnapshotRef set when refs.Add(set.RefName):
                    Add(new UpdateRequirement.AssertRefSnapshotId(set.RefName, baseMetadata.Ref(set.RefName)?.SnapshotId));
                    break;
                case MetadataUpdate.AddSchema:
                    Add(new UpdateRequirement.AssertLastAssignedFieldId(baseMetadata.LastColumnId));
                    break;
                case MetadataUpdate.SetCurrentSchema or MetadataUpdate.RemoveSchemas:
                    Add(new UpdateRequirement.AssertCurrentSchemaId(baseMetadata.CurrentSchemaId));
                    break;
                case MetadataUpdate.AddSpec:
                    Add(new UpdateRequirement.AssertLastAssignedPartitionId(baseMetadata.LastPartitionId));
                    break;
                case MetadataUpdate.SetDefaultSpec or MetadataUpdate.RemovePartitionSpecs:
                    Add(new UpdateRequirement.AssertDefaultSpecId(baseMetadata.DefaultSpecId));
                    break;
                case MetadataUpdate.SetDefaultSortOrder:
                    Add(new UpdateRequirement.AssertDefaultSortOrderId(baseMetadata.DefaultSortOrderId));
                    break;
            }
        }

        return requirements;
    }

    private static void AddSnapshotChanges(TableMetadata baseMetadata, TableMetadata updated, List<MetadataUpdate> updates)
    {
        updates.AddRange(updated.Snapshots.Where(s => baseMetadata.SnapshotById(s.SnapshotId) is null).Select(s => new MetadataUpdate.AddSnapshot(s)));
        updates.AddRange(baseMetadata.Refs.Keys.Where(name => !updated.Refs.ContainsKey(name)).Select(name => new MetadataUpdate.RemoveSnapshotRef(name)));
        foreach (var (name, reference) in updated.Refs)
        {
            if (baseMetadata.Ref(name) != reference)
            {
                updates.Add(new MetadataUpdate.SetSnapshotRef(name, reference));
            }
        }

        var removed = baseMetadata.Snapshots.Where(s => updated.SnapshotById(s.SnapshotId) is null).Select(s => s.SnapshotId).ToList();
        if (removed.Count > 0)
        {
            updates.Add(new MetadataUpdate.RemoveSnapshots(removed));
        }
    }

    private static void AddPropertyChanges(TableMetadata baseMetadata, TableMetadata updated, List<MetadataUpdate> updates)
    {
        var set = updated.Properties.Where(p => baseMetadata.Property(p.Key) != p.Value).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (set.Count > 0)
        {
            updates.Add(new MetadataUpdate.SetProperties(set));
        }

        var removed = baseMetadata.Properties.Keys.Where(k => !updated.Properties.ContainsKey(k)).ToList();
        if (removed.Count > 0)
        {
            updates.Add(new MetadataUpdate.RemoveProperties(removed));
        }
    }

    private static void AddStatisticsChanges(TableMetadata baseMetadata, TableMetadata updated, List<MetadataUpdate> updates)
    {
        foreach (var file in updated.Statistics)
        {
            if (!baseMetadata.Statistics.Any(s => s.SnapshotId == file.SnapshotId && s.Path == file.Path))
            {
                updates.Add(new MetadataUpdate.SetStatistics(file));
            }
        }

        foreach (var file in baseMetadata.Statistics)
        {
            if (!updated.Statistics.Any(s => s.SnapshotId == file.SnapshotId) && updated.SnapshotById(file.SnapshotId) is not null)
            {
                updates.Add(new MetadataUpdate.RemoveStatistics(file.SnapshotId));
            }
        }

        updates.AddRange(updated.PartitionStatistics.Where(f => !baseMetadata.PartitionStatistics.Contains(f)).Select(f => new MetadataUpdate.SetPartitionStatistics(f)));
        updates.AddRange(baseMetadata.PartitionStatistics
            .Where(f => !updated.PartitionStatistics.Any(u => u.SnapshotId == f.SnapshotId) && updated.SnapshotById(f.SnapshotId) is not null)
            .Select(f => new MetadataUpdate.RemovePartitionStatistics(f.SnapshotId)));
    }
}
