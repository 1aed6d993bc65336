using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>Every field of a schema by id, by dotted name (exact and case-insensitive) and its parent.</summary>
internal sealed class SchemaIndex
{
    private readonly Dictionary<int, NestedField> _byId = [];
    private readonly Dictionary<int, int> _parentById = [];
    private readonly Dictionary<int, string> _nameById = [];
    private readonly Dictionary<string, int> _idByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _idByLowerName = new(StringComparer.OrdinalIgnoreCase);

    public SchemaIndex(StructType root)
    {
        var aliases = new List<(string Name, int Id)>();
        foreach (var field in root.Fields)
        {
            Visit(field, null, null, null, aliases);
        }

        // Short names (without the "element"/"value" step) never hide a full name.
        foreach (var (name, id) in aliases)
        {
            _idByName.TryAdd(name, id);
            _idByLowerName.TryAdd(name, id);
        }

        HighestFieldId = _byId.Count == 0 ? 0 : _byId.Keys.Max();
    }

    public int HighestFieldId { get; }

    public IReadOnlyDictionary<int, NestedField> ById => _byId;

    public NestedField? Field(int id) => _byId.GetValueOrDefault(id);

    public int? ParentId(int id) => _parentById.TryGetValue(id, out int parent) ? parent : null;

    public string? Name(int id) => _nameById.GetValueOrDefault(id);

    public int? Id(string name, bool caseSensitive)
    {
        var map = caseSensitive ? _idByName : _idByLowerName;
        return map.TryGetValue(name, out int id) ? id : null;
    }

    private void Visit(NestedField field, int? parentId, string? fullPrefix, string? shortPrefix, List<(string, int)> aliases)
    {
        if (!_byId.TryAdd(field.Id, field))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid schema: field id {field.Id} is used by both '{_nameById[field.Id]}' and '{Join(fullPrefix, field.Name)}'.");
        }

        string fullName = Join(fullPrefix, field.Name);
        _nameById[field.Id] = fullName;
        if (!_idByName.TryAdd(fullName, field.Id))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid schema: more than one field is named '{fullName}'.");
        }

        _idByLowerName.TryAdd(fullName, field.Id);
        string? shortName = shortPrefix is null ? null : Join(shortPrefix, field.Name);
        if (shortName is not null && shortName != fullName)
        {
            aliases.Add((shortName, field.Id));
        }

        if (parentId is int parent)
        {
            _parentById[field.Id] = parent;
        }

        string childShort = shortName ?? fullName;
        switch (field.Type)
        {
            case StructType s:
                foreach (var child in s.Fields)
                {
                    Visit(child, field.Id, fullName, shortName, aliases);
                }

                break;
            case ListType l:
                // "points.element.x" is also reachable as "points.x".
                Visit(l.ElementField, field.Id, fullName, null, aliases);
                VisitChildrenWithAlias(l.ElementField, fullName, childShort, aliases);
                break;
            case MapType m:
                Visit(m.KeyField, field.Id, fullName, null, aliases);
                Visit(m.ValueField, field.Id, fullName, null, aliases);
                VisitChildrenWithAlias(m.ValueField, fullName, childShort, aliases);
                break;
        }
    }

    private static void VisitChildrenWithAlias(NestedField container, string fullName, string shortName, List<(string, int)> aliases)
    {
        if (container.Type is StructType s)
        {
            foreach (var child in s.Fields)
            {
                aliases.Add((Join(shortName, child.Name), child.Id));
            }
        }
    }

    private static string Join(string? prefix, string name) => prefix is null ? name : prefix + "." + name;
}
