namespace Floe.Catalog.Metastore;

/// <summary>
/// A namespace as one text column: levels joined by U+001F, a control character no level may contain, so levels that
/// contain '.' stay distinct from deeper namespaces. The root is the empty string.
/// </summary>
internal static class NamespaceKey
{
    private const char Separator = '\u001f';

    public static string Encode(Namespace @namespace) => string.Join(Separator, @namespace.Levels);

    public static Namespace Decode(string key) => key.Length == 0 ? Namespace.Empty : Namespace.Of(key.Split(Separator));

    public static string Parent(Namespace @namespace) => Encode(@namespace.Parent ?? Namespace.Empty);
}
