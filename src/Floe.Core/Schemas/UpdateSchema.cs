using Floe.Common.Errors;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Schemas;

/// <summary>
/// Schema evolution: add, delete, rename, move, promote, make optional, update docs and set identifier fields.
/// Column names refer to the base schema (or to columns added by this update); new field ids count up from the
/// table's last column id. Call <see cref="Apply"/> for the new schema and read <see cref="LastColumnId"/>.
/// </summary>
/// <exception cref="FloeException">Every method throws (kind InvalidArgument) when a change breaks a rule.</exception>
public sealed class UpdateSchema
{
    private readonly Schema _base;
    private readonly SchemaNode _root;
    private readonly Dictionary<int, SchemaNode> _nodes = [];
    private readonly Dictionary<string, int> _addedNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<int> _addedIds = [];
    private readonly HashSet<int> _updatedIds = [];
    private List<string>? _identifierNames;
    private bool _caseSensitive = true;
    private bool _allowIncompatibleChanges;

    public UpdateSchema(Schema baseSchema, int lastColumnId)
    {
        ArgumentNullException.ThrowIfNull(baseSchema);
        _base = baseSchema;
        LastColumnId = Math.Max(lastColumnId, baseSchema.HighestFieldId);
        _root = SchemaNode.Root(baseSchema.AsStruct);
        Register(_root);
    }

    /// <summary>The highest field id assigned so far (the table's new <c>last-column-id</c>).</summary>
    public int LastColumnId { get; private set; }

    /// <summary>Whether column names match exactly (default) or ignoring case.</summary>
    public UpdateSchema CaseSensitive(bool caseSensitive)
    {
        _caseSensitive = caseSensitive;
        return this;
    }

    /// <summary>Permits changes that can break existing readers or data: required columns without defaults, optional to required.</summary>
    public UpdateSchema AllowIncompatibleChanges()
    {
        _allowIncompatibleChanges = true;
        return this;
    }

    /// <summary>Adds an optional top-level column.</summary>
    public UpdateSchema AddColumn(string name, IcebergType type, string? doc = null)
    {
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw Fail($"Cannot add column with ambiguous name '{name}': use AddColumn(parent, name, type) to add a nested field.");
        }

        return AddColumn(null, name, type, doc);
    }

    /// <summary>Adds an optional column inside <paramref name="parent"/> (a struct, or a list or map of structs); null for top level.</summary>
    public UpdateSchema AddColumn(string? parent, string name, IcebergType type, string? doc = null) =>
        Add(parent, name, type, doc, isRequired: false, initialDefault: null);

    /// <summary>
    /// Adds a required column. Existing rows need a value, so <paramref name="initialDefault"/> is required unless
    /// incompatible changes are allowed.
    /// </summary>
    public UpdateSchema AddRequiredColumn(string? parent, string name, IcebergType type, Literal? initialDefault, string? doc = null) =>
        Add(parent, name, type, doc, isRequired: true, initialDefault);

    public UpdateSchema DeleteColumn(string name)
    {
        var node = Find(name);
        if (node.IsContainerChild)
        {
            throw Fail($"Cannot delete '{name}': list elements and map keys and values cannot be deleted.");
        }

        if (Descendants(node).Any(n => _addedIds.Contains(n.Id)))
        {
            throw Fail($"Cannot delete column '{name}': it has additions in this update.");
        }

        if (Descendants(node).Prepend(node).Any(n => _updatedIds.Contains(n.Id)))
        {
            throw Fail($"Cannot delete column '{name}': it has updates in this update.");
        }

        node.IsDeleted = true;
        return this;
    }

    public UpdateSchema RenameColumn(string name, string newName)
    {
        ArgumentException.ThrowIfNullOrEmpty(newName);
        var node = FindLive(name, "rename");
        if (node.IsContainerChild)
        {
            throw Fail($"Cannot rename '{name}': list elements and map keys and values have fixed names.");
        }

        if (!node.Name.Equals(newName, StringComparison.Ordinal) && Sibling(node.Parent!, newName) is not null)
        {
            throw Fail($"Cannot rename column '{name}' to '{newName}': a column with that name already exists.");
        }

        node.Name = newName;
        _updatedIds.Add(node.Id);
        return this;
    }

    /// <summary>Changes a primitive column's type; only int→long, float→double and wider decimal precision are allowed.</summary>
    public UpdateSchema UpdateColumn(string name, PrimitiveType newType)
    {
        var node = FindLive(name, "update");
        if (node.Primitive is null)
        {
            throw Fail($"Cannot change the type of '{name}': it is a {node.Kind.ToString().ToLowerInvariant()}, not a primitive.");
        }

        if (!TypePromotion.IsAllowed(node.Primitive, newType))
        {
            throw Fail($"Cannot change column type of '{name}': {node.Primitive} -> {newType} is not an allowed promotion.");
        }

        node.Primitive = newType;
        _updatedIds.Add(node.Id);
        return this;
    }

    public UpdateSchema UpdateColumnDoc(string name, string? doc)
    {
        var node = FindLive(name, "update");
        node.Doc = doc;
        _updatedIds.Add(node.Id);
        return this;
    }

    public UpdateSchema MakeColumnOptional(string name)
    {
        var node = FindLive(name, "update");
        if (node.Parent!.Kind == TypeId.Map && ReferenceEquals(node, node.Parent.Key))
        {
            throw Fail($"Cannot make map key '{name}' optional: map keys are always required.");
        }

        node.IsRequired = false;
        _updatedIds.Add(node.Id);
        return this;
    }

    /// <summary>Makes an optional column required; existing rows may hold nulls, so this needs incompatible changes allowed.</summary>
    public UpdateSchema RequireColumn(string name)
    {
        var node = FindLive(name, "update");
        if (!node.IsRequired && !_allowIncompatibleChanges)
        {
            throw Fail($"Cannot change column nullability of '{name}': optional -> required is an incompatible change.");
        }

        node.IsRequired = true;
        _updatedIds.Add(node.Id);
        return this;
    }

    public UpdateSchema MoveFirst(string name)
    {
        var node = FindMovable(name);
        var siblings = node.Parent!.Fields!;
        siblings.Remove(node);
        siblings.Insert(0, node);
        return this;
    }

    public UpdateSchema MoveBefore(string name, string beforeName) => MoveRelative(name, beforeName, after: false);

    public UpdateSchema MoveAfter(string name, string afterName) => MoveRelative(name, afterName, after: true);

    /// <summary>Replaces the identifier fields; names are resolved in the resulting schema (new columns included).</summary>
    public UpdateSchema SetIdentifierFields(params IEnumerable<string> names)
    {
        _identifierNames = [.. names];
        return this;
    }

    /// <summary>The evolved schema (same schema id as the base; the table assigns a new one when the schema is added).</summary>
    public Schema Apply()
    {
        var structType = (StructType)_root.BuildType();
        var structOnly = new Schema(structType);
        List<int> identifierIds;
        if (_identifierNames is not null)
        {
            identifierIds = [];
            foreach (string name in _identifierNames)
            {
                var field = structOnly.FindField(name, _caseSensitive)
                    ?? throw Fail($"Cannot set identifier field '{name}': no such column in the updated schema.");
                identifierIds.Add(field.Id);
            }
        }
        else
        {
            identifierIds = [.. _base.IdentifierFieldIds];
            foreach (int id in identifierIds)
            {
                if (structOnly.FindField(id) is null)
                {
                    throw Fail($"Cannot delete identifier field '{_base.FindColumnName(id)}'. To force deletion, also call SetIdentifierFields to update identifier fields.");
                }
            }
        }

        return new Schema(structType, _base.SchemaId, identifierIds);
    }

    private UpdateSchema Add(string? parent, string name, IcebergType type, string? doc, bool isRequired, Literal? initialDefault)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        SchemaNode target;
        string fullName;
        if (parent is null)
        {
            target = _root;
            fullName = name;
        }
        else
        {
            var parentNode = Find(parent);
            if (parentNode.IsDeleted)
            {
                throw Fail($"Cannot add column '{name}' to '{parent}': the parent will be deleted.");
            }

            target = parentNode.StructTarget();
            if (target.Kind != TypeId.Struct)
            {
                throw Fail($"Cannot add column '{name}' to '{parent}': the parent is not a struct.");
            }

            fullName = parent + "." + name;
        }

        if (Sibling(target, name) is not null)
        {
            throw Fail($"Cannot add column '{fullName}': a column with that name already exists.");
        }

        if (isRequired && initialDefault is not { IsNull: false } && !_allowIncompatibleChanges)
        {
            throw Fail($"Incompatible change: cannot add required column '{fullName}' without an initial default.");
        }

        int id = ++LastColumnId;
        var freshType = FreshIds.Assign(type, () => ++LastColumnId);
        var field = new NestedField(id, name, isRequired, freshType, doc, initialDefault,
            initialDefault is { IsNull: false } ? initialDefault : null);
        var node = SchemaNode.From(field, target);
        target.Fields!.Add(node);
        Register(node);
        foreach (var added in Descendants(node).Prepend(node))
        {
            _addedIds.Add(added.Id);
        }

        _addedNames[fullName] = id;
        return this;
    }

    private UpdateSchema MoveRelative(string name, string referenceName, bool after)
    {
        var node = FindMovable(name);
        var reference = FindMovable(referenceName);
        if (ReferenceEquals(node, reference))
        {
            throw Fail($"Cannot move '{name}' {(after ? "after" : "before")} itself.");
        }

        if (!ReferenceEquals(node.Parent, reference.Parent))
        {
            throw Fail($"Cannot move '{name}' next to '{referenceName}': they are in different structs.");
        }

        var siblings = node.Parent!.Fields!;
        siblings.Remove(node);
        int index = siblings.IndexOf(reference);
        siblings.Insert(after ? index + 1 : index, node);
        return this;
    }

    private SchemaNode FindMovable(string name)
    {
        var node = FindLive(name, "move");
        if (node.IsContainerChild)
        {
            throw Fail($"Cannot move '{name}': list elements and map keys and values cannot be moved.");
        }

        return node;
    }

    private SchemaNode FindLive(string name, string action)
    {
        var node = Find(name);
        if (node.IsDeleted)
        {
            throw Fail($"Cannot {action} column '{name}': it will be deleted.");
        }

        return node;
    }

    private SchemaNode Find(string name)
    {
        int? id = _base.FindField(name, _caseSensitive)?.Id;
        if (id is null && _addedNames.TryGetValue(name, out int addedId)
            && (!_caseSensitive || _addedNames.Keys.Contains(name, StringComparer.Ordinal)))
        {
            id = addedId;
        }

        if (id is null || !_nodes.TryGetValue(id.Value, out var node))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot find column '{name}' in the schema.");
        }

        return node;
    }

    private SchemaNode? Sibling(SchemaNode structNode, string name)
    {
        var comparison = _caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return structNode.Fields?.Find(f => !f.IsDeleted && f.Name.Equals(name, comparison));
    }

    private void Register(SchemaNode node)
    {
        if (node.Id >= 0)
        {
            _nodes[node.Id] = node;
        }

        foreach (var child in node.Children())
        {
            Register(child);
        }
    }

    private static IEnumerable<SchemaNode> Descendants(SchemaNode node)
    {
        foreach (var child in node.Children())
        {
            yield return child;
            foreach (var grandChild in Descendants(child))
            {
                yield return grandChild;
            }
        }
    }

    private static FloeException Fail(string message) => new(FloeErrorKind.InvalidArgument, message);
}
