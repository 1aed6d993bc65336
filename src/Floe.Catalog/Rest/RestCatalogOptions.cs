using Floe.Core.IO;
using Floe.Http;

namespace Floe.Catalog.Rest;

/// <summary>How a <see cref="RestCatalog"/> reaches its server.</summary>
public sealed record RestCatalogOptions
{
    /// <summary>The catalog's base URI, the part before <c>/v1</c> (Floe: <c>http://host:1630/api/iceberg/rest</c>).</summary>
    public required Uri Uri { get; init; }

    /// <summary>The <c>warehouse</c> sent to <c>/v1/config</c> (Floe: a catalog name); null for the server's default.</summary>
    public string? Warehouse { get; init; }

    /// <summary>The catalog's name in messages; defaults to the warehouse or <c>rest</c>.</summary>
    public string? Name { get; init; }

    /// <summary>How requests authenticate (<see cref="BearerTokenAuth"/>, <see cref="OAuth2ClientCredentials"/>); null for none.</summary>
    public IHttpAuth? Auth { get; init; }

    public HttpRetryPolicy? Retry { get; init; }

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Entries per listing page (<c>pageSize</c>); null leaves it to the server.</summary>
    public int? PageSize { get; init; }

    /// <summary>Client properties merged between the server's defaults and overrides.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>The storage of data and metadata files; null for local paths.</summary>
    public IFileIO? FileIO { get; init; }

    /// <summary>The HTTP client to send with (not disposed by the catalog); null for a new one.</summary>
    public HttpClient? HttpClient { get; init; }
}
