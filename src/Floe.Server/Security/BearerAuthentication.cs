using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Floe.Server.Security;

/// <summary>
/// The authentication step of every request: with <c>auth: none</c> the request runs as
/// <see cref="FloePrincipal.Anonymous"/>; with <c>auth: token</c> it must carry <c>Authorization: Bearer &lt;secret&gt;</c>
/// for a valid token, or it ends here with 401 and an Iceberg error body.
/// </summary>
public sealed class BearerAuthentication
{
    private const string Scheme = "Bearer ";
    private readonly AuthMode _mode;
    private readonly TokenService? _tokens;
    private readonly Func<PathString, bool> _isPublic;
    private readonly string? _internalSecret;

    /// <param name="mode">The configured mode.</param>
    /// <param name="tokens">The token service; required with <see cref="AuthMode.Token"/>.</param>
    /// <param name="isPublic">Paths served without a token (the health probe).</param>
    /// <param name="internalSecret">
    /// A secret the server gives its own clients (its embedded optimizers), accepted as an admin; it lives only in
    /// this process's memory and changes at every start.
    /// </param>
    public BearerAuthentication(AuthMode mode, TokenService? tokens, Func<PathString, bool> isPublic, string? internalSecret = null)
    {
        ArgumentNullException.ThrowIfNull(isPublic);
        if (mode == AuthMode.Token && tokens is null)
        {
            throw new ArgumentException("Token authentication needs a token service.", nameof(tokens));
        }

        _mode = mode;
        _tokens = tokens;
        _isPublic = isPublic;
        _internalSecret = internalSecret;
    }

    /// <summary>The principal of the server's own clients.</summary>
    public static FloePrincipal Internal { get; } = new("floe-server", IsAdmin: true, Catalogs: null);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (_mode == AuthMode.None)
        {
            RequestAccess.SetPrincipal(context, FloePrincipal.Anonymous);
            await next(context).ConfigureAwait(false);
            return;
        }

        string? secret = BearerSecret(context.Request);
        if (secret is null)
        {
            if (_isPublic(context.Request.Path))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            await RefuseAsync(context, "The request is not authenticated: send 'Authorization: Bearer <token>'.").ConfigureAwait(false);
            return;
        }

        if (_internalSecret is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(_internalSecret)))
        {
            RequestAccess.SetPrincipal(context, Internal);
            await next(context).ConfigureAwait(false);
            return;
        }

        FloePrincipal principal;
        try
        {
            principal = await _tokens!.AuthenticateAsync(secret, context.RequestAborted).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.Unauthorized)
        {
            await RefuseAsync(context, e.Message).ConfigureAwait(false);
            return;
        }

        RequestAccess.SetPrincipal(context, principal);
        await next(context).ConfigureAwait(false);
    }

    private static string? BearerSecret(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string secret = header[Scheme.Length..].Trim();
        return secret.Length == 0 ? null : secret;
    }

    private static Task RefuseAsync(HttpContext context, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return IcebergErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, IcebergErrorTypes.NotAuthorized, message);
    }
}
