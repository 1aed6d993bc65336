using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Transforms;

namespace Floe.Core.Partitioning;

/// <summary>
/// Partition evolution. Field ids are never reused for a different field: new fields get ids above the table's
/// last-partition-id, except that in v2 a field equal to one in an earlier spec (same source and transform) gets
/// its old id back. Removed fields disappear in v2; in v1 they stay as <c>void</c> fields because v1 partition
/// data is positional.
/// </summary>
public sealed class UpdatePartitionSpec
{
    private readonly int _formatVersion;
    private readonly PartitionSpec _current;
    private readonly Schema _schema;
    private readonly IReadOnlyList<PartitionSpec> _history;
    private readonly HashSet<int> _removedIds = [];
    private readonly Dictionary<int, string> _renames = [];
    private readonly List<PartitionField> _added = [];

    public UpdatePartitionSpec(int formatVersion, PartitionSpec current, Schema schema, int lastPartitionId,
        IEnumerable<PartitionSpec>? historicalSpecs = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(schema);
        _formatVersion = formatVersion;
        _current = current;
        _schema = schema;
        _history = historicalSpecs?.ToList() ?? [current];
        LastPartitionId = Math.Max(lastPartitionId, current.LastAssignedFieldId);
    }

    /// <summary>The highest partition field id assigned so far (the table's new last-partition-id).</summary>
    public int LastPartitionId { get; private set; }

    /// <summary>Adds a field; the default name follows Java's evolution names (<c>id_bucket_16</c>, <c>name_trunc_4</c>, <c>ts_day</c>).</summary>
    public UpdatePartitionSpec AddField(string sourceName, Transform transform, string? name = null)
    {
        var source = _schema.FindField(sourceName)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot add partition field: no column '{sourceName}'.");
        string columnName = _schema.FindColumnName(source.Id)!;
        string fieldName = name ?? DefaultName(columnName, transform);

        var existing = _current.Fields.FirstOrDefault(f => f.SourceId == source.Id && f.Transform.Equals(transform));
        if (existing is not null && _removedIds.Remove(existing.FieldId))
        {
            // Removing and re-adding the same field keeps it (with the new name if one was given).
            if (name is not null && name != existing.Name)
            {
                _renames[existing.FieldId] = name;
            }

            return this;
        }

        if (existing is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot add duplicate partition field '{fieldName}': {transform}({columnName}) is already field '{existing.Name}'.");
        }

        if (_added.Exists(f => f.SourceId == source.Id && f.Transform.DedupName == transform.DedupName)
            || _current.Fields.Any(f => !_removedIds.Contains(f.FieldId) && f.SourceId == source.Id
                && !f.Transform.IsVoid && f.Transform.DedupName == transform.DedupName))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot add redundant partition field '{fieldName}': {transform}({columnName}) conflicts with an existing field.");
        }

        if (NameInUse(fieldName))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot add partition field '{fieldName}': the name is already used.");
        }

        int fieldId = _formatVersion >= 2 ? RecycledId(source.Id, transform) ?? ++LastPartitionId : ++LastPartitionId;
        _added.Add(new PartitionField(source.Id, fieldId, fieldName, transform));
        return this;
    }

    public UpdatePartitionSpec RemoveField(string name)
    {
        if (_added.Exists(f => f.Name == name))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot remove partition field '{name}': it was added in this update.");
        }

        var field = FindCurrent(name)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot find partition field '{name}' to remove.");
        if (!_removedIds.Add(field.FieldId))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot remove partition field '{name}' twice.");
        }

        return this;
    }

    public UpdatePartitionSpec RenameField(string name, string newName)
    {
        ArgumentException.ThrowIfNullOrEmpty(newName);
        var field = FindCurrent(name)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot find partition field '{name}' to rename.");
        if (_removedIds.Contains(field.FieldId))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot rename partition field '{name}': it is being removed.");
        }

        if (NameInUse(newName))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot rename partition field '{name}' to '{newName}': the name is already used.");
        }

        _renames[field.FieldId] = newName;
        return this;
    }

    /// <summary>The evolved spec with the current spec's id (the table assigns a new id when the spec is added).</summary>
    public PartitionSpec Apply()
    {
        var fields = new List<PartitionField>();
        var addedNames = _added.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var field in _current.Fields)
        {
            string name = _renames.GetValueOrDefault(field.FieldId, field.Name);
            if (!_removedIds.Contains(field.FieldId))
            {
                fields.Add(field with { Name = name });
            }
            else if (_formatVersion == 1)
            {
                // Keep the position with an always-null field; move its name aside if a new field takes it.
                string voidName = addedNames.Contains(name) ? $"{name}_{field.FieldId}" : name;
                fields.Add(new PartitionField(field.SourceId, field.FieldId, voidName, Transform.Void));
            }
        }

        fields.AddRange(_added);
        var builder = new PartitionSpecBuilder(_schema).WithSpecId(_current.SpecId);
        foreach (var field in fields)
        {
            builder.Add(field.SourceId, field.FieldId, field.Name, field.Transform);
        }

        return builder.Build();
    }

    private PartitionField? FindCurrent(string name) =>
        _current.Fields.FirstOrDefault(f => _renames.GetValueOrDefault(f.FieldId, f.Name) == name)
        ?? _current.Fields.FirstOrDefault(f => f.Name == name);

    private bool NameInUse(string name) =>
        _added.Exists(f => f.Name == name)
        || _current.Fields.Any(f => !_removedIds.Contains(f.FieldId) && _renames.GetValueOrDefault(f.FieldId, f.Name) == name);

    private int? RecycledId(int sourceId, Transform transform)
    {
        foreach (var spec in _history)
        {
            foreach (var field in spec.Fields)
            {
                if (field.SourceId == sourceId && field.Transform.Equals(transform))
                {
                    return field.FieldId;
                }
            }
        }

        return null;
    }

    private static string DefaultName(string column, Transform transform) => transform switch
    {
        BucketTransform b => $"{column}_bucket_{b.NumBuckets}",
        TruncateTransform t => $"{column}_trunc_{t.Width}",
        _ => column + transform.DefaultNameSuffix,
    };
}
