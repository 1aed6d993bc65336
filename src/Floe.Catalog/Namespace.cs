using Floe.Common.Errors;

namespace Floe.Catalog;

/// <summary>A multi-level namespace (<c>db</c>, <c>org.sales</c>); the empty namespace is the catalog root.</summary>
public sealed class Namespace : IEquatable<Namespace>
{
    private readonly string[] _levels;

    private Namespace(string[] levels)
    {
        _levels = levels;
    }

    /// <summary>The catalog root; it holds namespaces but no tables.</summary>
    public static Namespace Empty { get; } = new([]);

    public IReadOnlyList<string> Levels => _levels;

    public bool IsEmpty => _levels.Length == 0;

    /// <summary>The enclosing namespace, or null for the root.</summary>
    public Namespace? Parent => IsEmpty ? null : new Namespace(_levels[..^1]);

    /// <summary>A namespace from its levels; each level must be a valid name.</summary>
    public static Namespace Of(params string[] levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        foreach (string level in levels)
        {
            CatalogNames.Check(level, "namespace level");
        }

        return new Namespace([.. levels]);
    }

    /// <summary>Parses the dotted form <c>a.b.c</c>.</summary>
    public static Namespace Parse(string dotted)
    {
        ArgumentNullException.ThrowIfNull(dotted);
        return dotted.Length == 0
            ? throw new FloeException(FloeErrorKind.InvalidArgument, "Invalid namespace: the name is empty.")
            : Of(dotted.Split('.'));
    }

    public Namespace Child(string level) => new([.. _levels, CatalogNames.Check(level, "namespace level")]);

    public bool Equals(Namespace? other) => other is not null && _levels.AsSpan().SequenceEqual(other._levels);

    public override bool Equals(object? obj) => Equals(obj as Namespace);

    public static bool operator ==(Namespace? left, Namespace? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Namespace? left, Namespace? right) => !(left == right);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string level in _levels)
        {
            hash.Add(level, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('.', _levels);
}
