using Floe.Common.Errors;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Security;

/// <summary>
/// The one place endpoints check rights. The authentication middleware stores the request's
/// <see cref="FloePrincipal"/>; a request without one was never authenticated and is refused.
/// </summary>
public static class RequestAccess
{
    private static readonly object s_principalKey = new();

    public static void SetPrincipal(HttpContext context, FloePrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(principal);
        context.Items[s_principalKey] = principal;
    }

    /// <summary>The request's principal; Unauthorized when the request carries none.</summary>
    public static FloePrincipal Principal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(s_principalKey, out object? value) && value is FloePrincipal principal
            ? principal
            : throw new FloeException(FloeErrorKind.Unauthorized, "The request is not authenticated: send 'Authorization: Bearer <token>'.");
    }

    /// <summary>Forbidden unless the request's principal may use <paramref name="catalog"/>.</summary>
    public static FloePrincipal RequireCatalog(HttpContext context, string catalog)
    {
        var principal = Principal(context);
        return principal.CanUse(catalog)
            ? principal
            : throw new FloeException(FloeErrorKind.Forbidden, $"Token '{principal.Name}' has no rights to catalog '{catalog}'.");
    }

    /// <summary>Forbidden unless the request's principal is an admin.</summary>
    public static FloePrincipal RequireAdmin(HttpContext context)
    {
        var principal = Principal(context);
        return principal.IsAdmin
            ? principal
            : throw new FloeException(FloeErrorKind.Forbidden, $"Token '{principal.Name}' is not an admin token.");
    }
}
