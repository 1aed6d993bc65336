using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>Sends raw REST catalog requests (paths relative to the catalog base, e.g. <c>v1/namespaces</c>).</summary>
internal sealed class RestTestClient(HttpClient http, Uri baseAddress)
{
    public HttpClient Http { get; } = http;

    public Uri BaseAddress { get; } = baseAddress;

    public Task<RestReply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<RestReply> HeadAsync(string path) => SendAsync(HttpMethod.Head, path);

    public Task<RestReply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public Task<RestReply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public async Task<RestReply> SendAsync(HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement? body = null;
        if (text.Length > 0)
        {
            using var document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
        }

        MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
        return new RestReply(response.StatusCode, type?.MediaType, response.Headers.ETag?.ToString(), body, text);
    }

    /// <summary>A namespace as a path segment: levels joined by %1F.</summary>
    public static string Ns(params string[] levels) => string.Join("%1F", levels.Select(Uri.EscapeDataString));
}
