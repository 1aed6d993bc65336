using System.Text.Json;
using Floe.Server.Rest;
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
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tokens");
            foreach (TokenRecord token in all)
            {
                Write(writer, token, secret: null);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>{"name", "admin"?, "catalogs"?}</c> → 201 with the token and its <c>secret</c>.</summary>
    public static async Task CreateAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var tokens = context.RequestServices.GetRequiredService<TokenService>();
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        CreatedToken created = await tokens.CreateAsync(
            ManagementJson.RequiredString(body.Root, "name"),
            ManagementJson.OptionalBool(body.Root, "admin"),
            ManagementJson.OptionalStrings(body.Root, "catalogs"),
            context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, writer => Write(writer, created.Token, created.Secret)).ConfigureAwait(false);
    }

    public static async Task RevokeAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        var tokens = context.RequestServices.GetRequiredService<TokenService>();
        await tokens.RevokeAsync(CatalogEndpoints.Route(context, "name"), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static void Write(Utf8JsonWriter writer, TokenRecord token, string? secret)
    {
        writer.WriteStartObject();
        writer.WriteString("name", token.Name);
        writer.WriteBoolean("admin", token.IsAdmin);
        if (token.Catalogs is null)
        {
            writer.WriteNull("catalogs");
        }
        else
        {
            writer.WriteStartArray("catalogs");
            foreach (string catalog in token.Catalogs)
            {
                writer.WriteStringValue(catalog);
            }

            writer.WriteEndArray();
        }

        writer.WriteNumber("created-ms", token.CreatedMs);
        writer.WriteBoolean("revoked", token.Revoked);
        if (secret is not null)
        {
            writer.WriteString("secret", secret);
        }

        writer.WriteEndObject();
    }
}
