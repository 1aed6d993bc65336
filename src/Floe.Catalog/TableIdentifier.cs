using Floe.Common.Errors;

namespace Floe.Catalog;

/// <summary>A table's name within a (non-empty) namespace.</summary>
public sealed class TableIdentifier : IEquatable<TableIdentifier>
{
    public TableIdentifier(Namespace @namespace, string name)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        if (@namespace.IsEmpty)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid table identifier '{name}': a table lives in a namespace.");
        }

        Namespace = @namespace;
        Name = CatalogNames.Check(name, "table name");
    }

    public Namespace Namespace { get; }

    public string Name { get; }

    /// <summary>A table identifier from namespace levels followed by the table name (<c>Of("db", "events")</c>).</summary>
    public static TableIdentifier Of(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Length < 2
            ? throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid table identifier '{string.Join('.', parts)}': expected namespace and table name.")
            : new TableIdentifier(Namespace.Of(parts[..^1]), parts[^1]);
    }

    /// <summary>Parses the dotted form <c>db.table</c> (the last part is the table name).</summary>
    public static TableIdentifier Parse(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        return Of(dotted.Split('.'));
    }

    public bool Equals(TableIdentifier? other) => other is not null && Namespace.Equals(other.Namespace) && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TableIdentifier);

    public static bool operator ==(TableIdentifier? left, TableIdentifier? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(TableIdentifier? left, TableIdentifier? right) => !(left == right);

    public override int GetHashCode() => HashCode.Combine(Namespace, StringComparer.Ordinal.GetHashCode(Name));

    public override string ToString() => $"{Namespace}.{Name}";
}
