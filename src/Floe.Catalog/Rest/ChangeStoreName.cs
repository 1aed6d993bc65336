namespace Floe.Catalog.Rest;

/// <summary>
/// How the REST protocol reaches the change store of a primary-key table, as Amoro's internal catalog does: the
/// table <c>t</c> is its base store and <c>t@change</c> its change store. A change store is never listed and is not
/// there for a plain table.
/// </summary>
public static class ChangeStoreName
{
    public const string Suffix = "@change";

    /// <summary>The REST name of the change store of <paramref name="table"/>.</summary>
    public static TableIdentifier Of(TableIdentifier table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TableIdentifier(table.Namespace, table.Name + Suffix);
    }

    /// <summary>Whether <paramref name="identifier"/> names a change store; <paramref name="table"/> is then the table it belongs to.</summary>
    public static bool TryParse(TableIdentifier identifier, out TableIdentifier table)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (identifier.Name.Length > Suffix.Length && identifier.Name.EndsWith(Suffix, StringComparison.Ordinal))
        {
            table = new TableIdentifier(identifier.Namespace, identifier.Name[..^Suffix.Length]);
            return true;
        }

        table = identifier;
        return false;
    }
}
