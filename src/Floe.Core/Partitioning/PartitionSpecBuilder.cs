using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Transforms;

namespace Floe.Core.Partitioning;

/// <summary>
/// Builds a partition spec against a schema, validating each field: the source exists and is primitive, the transform
/// applies to its type, names are unique and do not shadow other columns, and no two fields on one source are
/// redundant (two time transforms count as redundant). Field ids count up from 1000 unless given.
/// </summary>
public sealed class PartitionSpecBuilder
{
    private readonly Schema _schema;
    private readonly List<PartitionField> _fields = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<(int, string)> _dedup = [];
    private int _specId;
    private int _lastFieldId = PartitionSpec.FirstFieldId - 1;
    private bool _caseSensitive = true;

    public PartitionSpecBuilder(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
    }

    public PartitionSpecBuilder WithSpecId(int specId)
    {
        _specId = specId;
        return this;
    }

    public PartitionSpecBuilder CaseSensitive(bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
        return this;
    }

    public PartitionSpecBuilder Identity(string sourceName, string? targetName = null) => Add(sourceName, Transform.Identity, targetName);

    public PartitionSpecBuilder Bucket(string sourceName, int numBuckets, string? targetName = null) =>
        Add(sourceName, Transform.Bucket(numBuckets), targetName);

    public PartitionSpecBuilder Truncate(string sourceName, int width, string? targetName = null) =>
        Add(sourceName, Transform.Truncate(width), targetName);

    public PartitionSpecBuilder Year(string sourceName, string? targetName = null) => Add(sourceName, Transform.Year, targetName);

    public PartitionSpecBuilder Month(string sourceName, string? targetName = null) => Add(sourceName, Transform.Month, targetName);

    public PartitionSpecBuilder Day(string sourceName, string? targetName = null) => Add(sourceName, Transform.Day, targetName);

    public PartitionSpecBuilder Hour(string sourceName, string? targetName = null) => Add(sourceName, Transform.Hour, targetName);

    public PartitionSpecBuilder Void(string sourceName, string? targetName = null) => Add(sourceName, Transform.Void, targetName);

    /// <summary>Adds a field by source column name; the default name is Java's (<c>id_bucket</c>, <c>ts_day</c>, <c>id</c>).</summary>
    public PartitionSpecBuilder Add(string sourceName, Transform transform, string? targetName = null)
    {
        var source = _schema.FindField(sourceName, _caseSensitive)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot partition by '{sourceName}': no such column.");
        return Add(source.Id, ++_lastFieldId, targetName ?? _schema.FindColumnName(source.Id) + transform.DefaultNameSuffix, transform);
    }

    /// <summary>Adds a field with explicit ids (as read from metadata or sent by a client).</summary>
    public PartitionSpecBuilder Add(int sourceId, int fieldId, string name, Transform transform)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(transform);
        var source = _schema.FindField(sourceId)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot add partition field '{name}': source column {sourceId} does not exist.");
        if (!source.Type.IsPrimitive)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot partition by '{_schema.FindColumnName(sourceId)}': it is a {source.Type.TypeId.ToString().ToLowerInvariant()}, not a primitive.");
        }

        if (!transform.CanTransform(source.Type))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid source type {source.Type} for transform {transform} (partition field '{name}').");
        }

        if (!_names.Add(name))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot use partition name '{name}' more than once.");
        }

        var shadowed = _schema.FindField(name);
        if (shadowed is not null && !(transform.IsIdentity && shadowed.Id == sourceId) && !transform.IsVoid)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot create partition field '{name}': the name is a schema column other than its identity source.");
        }

        if (!transform.IsVoid && !_dedup.Add((sourceId, transform.DedupName)))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot add redundant partition field '{name}': {transform}({_schema.FindColumnName(sourceId)}) conflicts with an existing field on the same column.");
        }

        if (_fields.Exists(f => f.FieldId == fieldId))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot add partition field '{name}': field id {fieldId} is already used.");
        }

        _fields.Add(new PartitionField(sourceId, fieldId, name, transform));
        _lastFieldId = Math.Max(_lastFieldId, fieldId);
        return this;
    }

    public PartitionSpec Build() => new(_specId, _fields);
}
