using System.Net.Http.Headers;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Http;

/// <summary>
/// OAuth2 client credentials (RFC 6749 §4.4): posts <c>grant_type=client_credentials</c> with the client id and secret
/// to the token endpoint, sends the access token as a bearer token, and fetches a new one before it expires
/// (<see cref="RefreshMargin"/> early) or after the server refused it.
/// </summary>
public sealed class OAuth2ClientCredentials : IHttpAuth, IDisposable
{
    private readonly FloeHttpClient _tokens;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly string? _scope;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    /// <param name="tokenEndpoint">The absolute token URL (for an Iceberg REST server: <c>{uri}/v1/oauth/tokens</c>).</param>
    /// <param name="clientId">The client id.</param>
    /// <param name="clientSecret">The client secret.</param>
    /// <param name="scope">The scope asked for; null asks for none.</param>
    /// <param name="httpClient">The client to send with (not disposed here); null for a new one.</param>
    /// <param name="clock">The time source for expiry; null for the system clock.</param>
    public OAuth2ClientCredentials(Uri tokenEndpoint, string clientId, string clientSecret, string? scope = null, HttpClient? httpClient = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(clientSecret))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "OAuth2 client credentials need a client id and a client secret.");
        }

        TokenEndpoint = tokenEndpoint;
        _clientId = clientId;
        _clientSecret = clientSecret;
        _scope = string.IsNullOrWhiteSpace(scope) ? null : scope;
        _clock = clock ?? TimeProvider.System;
        _tokens = new FloeHttpClient(new Uri(tokenEndpoint, "."), httpClient: httpClient);
    }

    public Uri TokenEndpoint { get; }

    /// <summary>How long before its expiry a token is replaced.</summary>
    public TimeSpan RefreshMargin { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The lifetime assumed when the token endpoint gives no <c>expires_in</c>.</summary>
    public TimeSpan DefaultLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many tokens were fetched so far.</summary>
    public int TokensFetched { get; private set; }

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = await TokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public bool Invalidate()
    {
        _current = null;
        return true;
    }

    /// <summary>A valid access token, fetched when none is cached or the cached one is about to expire.</summary>
    public async Task<string> TokenAsync(CancellationToken cancellationToken = default)
    {
        if (_current is { } cached && _clock.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && _clock.GetUtcNow() < again.RefreshAt)
            {
                return again.Token;
            }

            var fetched = await FetchAsync(cancellationToken).ConfigureAwait(false);
            _current = fetched;
            TokensFetched++;
            return fetched.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _tokens.Dispose();
        _gate.Dispose();
    }

    private async Task<(string Token, DateTimeOffset RefreshAt)> FetchAsync(CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", _clientId),
            new("client_secret", _clientSecret),
        };
        if (_scope is not null)
        {
            form.Add(new("scope", _scope));
        }

        // The token endpoint answers errors as {"error": "...", "error_description": "..."} (RFC 6749 §5.2).
        var call = new HttpCall(HttpMethod.Post, TokenEndpoint.AbsoluteUri) { Form = form, Idempotent = true, What = $"token request to {TokenEndpoint}" };
        var reply = await _tokens.TrySendAsync(call, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = _clock.GetUtcNow();
        using var json = ParseOrNull(reply.Body);
        var root = json?.RootElement;
        if (!reply.IsSuccess)
        {
            string detail = root is { ValueKind: JsonValueKind.Object } error
                ? string.Join(": ", new[] { StringOf(error, "error"), StringOf(error, "error_description") }.Where(s => s is not null))
                : "";
            var kind = reply.Status is 400 or 401 ? FloeErrorKind.Unauthorized : HttpErrorTable.KindOf(reply.Status, null);
            throw new FloeException(kind, $"The token endpoint {TokenEndpoint} refused the client credentials of '{_clientId}' (HTTP {reply.Status}){(detail.Length > 0 ? $": {detail}" : "")}.");
        }

        if (root is not { ValueKind: JsonValueKind.Object } body || StringOf(body, "access_token") is not { Length: > 0 } token)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"The token endpoint {TokenEndpoint} answered without an access_token.");
        }

        TimeSpan lifetime = body.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out long seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DefaultLifetime;
        // Refresh a margin early, but never sooner than half the lifetime (short-lived tokens).
        TimeSpan margin = RefreshMargin < lifetime / 2 ? RefreshMargin : lifetime / 2;
        return (token, now + lifetime - margin);
    }

    private static JsonDocument? ParseOrNull(ReadOnlyMemory<byte> body)
    {
        try
        {
            return body.IsEmpty ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
