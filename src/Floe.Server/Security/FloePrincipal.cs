namespace Floe.Server.Security;

/// <summary>
/// Who made a request, as the authentication middleware established it. <see cref="Catalogs"/> null means every
/// catalog; an admin may also manage catalogs, tokens and optimizer groups.
/// </summary>
public sealed record FloePrincipal(string Name, bool IsAdmin, IReadOnlySet<string>? Catalogs)
{
    /// <summary>The principal of every request when the configuration says <c>auth: none</c>.</summary>
    public static FloePrincipal Anonymous { get; } = new("anonymous", IsAdmin: true, Catalogs: null);

    public bool CanUse(string catalog) => Catalogs is null || Catalogs.Contains(catalog);
}
