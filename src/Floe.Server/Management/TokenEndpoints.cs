using Floe.Contracts.Management;
using Floe.Server.Security;
using Floe.Server.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>Tokens, admin only: list (never secrets), create (the secret is in this one response) and revoke.</summary>
internal static class TokenEndpoints
{
    public static async Task ListAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var tokens = context.RequestServices.GetRequiredService<TokenService>();
        IReadOnlyList<TokenRecord> all = await tokens.ListAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = new TokenList { Tokens = [.. all.Select(t => View(t, secret: null))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.TokenList).ConfigureAwait(false);
    }

    /// <summary><see cref="CreateTokenRequest"/> → 201 with the token and its <c>secret</c>.</summary>
    public static async Task CreateAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var tokens = context.RequestServices.GetRequiredService<TokenService>();
        CreateTokenRequest request = await ManagementJson.ReadAsync(context, ManagementJson.Contract.CreateTokenRequest).ConfigureAwait(false);
        CreatedToken created = await tokens.CreateAsync(request.Name, request.Admin, request.Catalogs, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, View(created.Token, created.Secret), ManagementJson.Contract.TokenView).ConfigureAwait(false);
    }

    public static async Task RevokeAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var tokens = context.RequestServices.GetRequiredService<TokenService>();
        await tokens.RevokeAsync(CatalogEndpoints.Route(context, "name"), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static TokenView View(TokenRecord token, string? secret) => new()
    {
        Name = token.Name,
        Admin = token.IsAdmin,
        Catalogs = token.Catalogs,
        CreatedMs = token.CreatedMs,
        Revoked = token.Revoked,
        Secret = secret,
    };
}
