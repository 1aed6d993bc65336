namespace Floe.Avro.Schemas;

/// <summary>A record, enum or fixed: a type with a full name that later schemas can refer to.</summary>
public abstract class NamedSchema : AvroSchema
{
    private protected NamedSchema(AvroTypeKind kind, string name, string? space, string? doc, IReadOnlyList<string>? aliases, IReadOnlyList<AvroProperty>? properties)
        : base(kind, properties)
    {
        (Name, Namespace) = AvroSchemaNames.Split(name, space, null);
        if (Namespace?.Length == 0)
        {
            Namespace = null;
        }

        if (!AvroSchemaNames.IsValidName(Name) || (Namespace is not null && !AvroSchemaNames.IsValidNamespace(Namespace)))
        {
            throw new AvroException($"invalid Avro name '{FullName}' for a {AvroSchemaNames.TypeName(kind)}");
        }

        Doc = doc;
        Aliases = aliases ?? [];
    }

    /// <summary>The short name.</summary>
    public string Name { get; }

    /// <summary>The namespace, or null.</summary>
    public string? Namespace { get; }

    /// <summary>Namespace and name joined with a dot.</summary>
    public string FullName => AvroSchemaNames.FullName(Name, Namespace);

    /// <summary>The documentation string, or null.</summary>
    public string? Doc { get; }

    /// <summary>Alternative names (as written: short names are relative to this type's namespace).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <inheritdoc />
    public override string DisplayName => FullName;

    /// <summary>True when <paramref name="fullName"/> is this type's full name or one of its aliases.</summary>
    public bool MatchesName(string fullName)
    {
        if (fullName == FullName)
        {
            return true;
        }

        foreach (string alias in Aliases)
        {
            string aliasFull = alias.Contains('.', StringComparison.Ordinal) ? alias : AvroSchemaNames.FullName(alias, Namespace);
            if (aliasFull == fullName)
            {
                return true;
            }
        }

        return false;
    }
}
