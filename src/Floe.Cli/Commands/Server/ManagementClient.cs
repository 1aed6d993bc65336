using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Cli.Commands.Server;

/// <summary>
/// Calls a running server's management API (<c>/api/floe/v1</c>) with an optional bearer token; error bodies become
/// <see cref="FloeException"/>s carrying the server's message.
/// </summary>
internal sealed class ManagementClient : IDisposable
{
    private readonly HttpClient _http;

    public ManagementClient(string server, string? token)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"--server '{server}' is not an http:// or https:// address.");
        }

        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> SendAsync(HttpMethod method, string path, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken) =>
        SendCoreAsync(method, path, body, cancellationToken);

    private async Task<JsonElement> SendCoreAsync(HttpMethod method, string path, Action<Utf8JsonWriter>? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, "api/floe/v1/" + path.TrimStart('/'));
        if (body is not null)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                body(writer);
            }

            request.Content = new ByteArrayContent(buffer.WrittenSpan.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FloeException(FloeErrorKind.Environment, $"Cannot reach the server at {_http.BaseAddress}: {e.Message}", e);
        }

        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }

            throw new FloeException(Kind(response.StatusCode), $"The server answered {(int)response.StatusCode}: {Message(text)}");
        }
    }

    private static string Message(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("error").GetProperty("message").GetString() ?? body;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    private static FloeErrorKind Kind(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => FloeErrorKind.NotFound,
        HttpStatusCode.Conflict => FloeErrorKind.CommitConflict,
        HttpStatusCode.BadRequest => FloeErrorKind.InvalidArgument,
        HttpStatusCode.Unauthorized => FloeErrorKind.Unauthorized,
        HttpStatusCode.Forbidden => FloeErrorKind.Forbidden,
        _ => FloeErrorKind.Environment,
    };

    public void Dispose() => _http.Dispose();
}
