using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// <c>pageToken</c>/<c>pageSize</c> paging over name-sorted listings. The token is the last name served
/// (base64url), so a page continues after it even when names were added or removed in between. Without either
/// parameter everything is returned and no <c>next-page-token</c> is written.
/// </summary>
internal readonly record struct Paging(bool Enabled, string? After, int Size)
{
    public static Paging FromQuery(HttpRequest request, IcebergRestOptions options)
    {
        string? token = request.Query["pageToken"];
        string? sizeText = request.Query["pageSize"];
        if (token is null && string.IsNullOrEmpty(sizeText))
        {
            return new Paging(false, null, int.MaxValue);
        }

        int size = options.DefaultPageSize;
        if (!string.IsNullOrEmpty(sizeText))
        {
            size = int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0
                ? Math.Min(parsed, options.MaxPageSize)
                : throw IcebergRestException.BadRequest($"Invalid pageSize '{sizeText}': expected a positive integer.");
        }

        return new Paging(true, string.IsNullOrEmpty(token) ? null : DecodeToken(token), size);
    }

    /// <summary>The page of <paramref name="items"/> in ordinal order of <paramref name="key"/>, and the token of the next one.</summary>
    public (IReadOnlyList<T> Page, string? NextToken) Apply<T>(IReadOnlyList<T> items, Func<T, string> key)
    {
        if (!Enabled)
        {
            return (items, null);
        }

        // Tokens compare names ordinally, so the listing must be in that order whatever order the catalog used.
        items = [.. items.OrderBy(key, StringComparer.Ordinal)];

        int start = 0;
        if (After is not null)
        {
            while (start < items.Count && string.CompareOrdinal(key(items[start]), After) <= 0)
            {
                start++;
            }
        }

        int count = Math.Min(Size, items.Count - start);
        var page = new T[count];
        for (int i = 0; i < count; i++)
        {
            page[i] = items[start + i];
        }

        string? next = start + count < items.Count ? EncodeToken(key(page[^1])) : null;
        return (page, next);
    }

    private static string EncodeToken(string name) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(name));

    private static string DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw IcebergRestException.BadRequest($"Invalid pageToken '{token}': it was not issued by this server.", e);
        }
    }
}
