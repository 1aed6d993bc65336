using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Floe.Common.Errors;
using Floe.Optimizer.Protocol;

namespace Floe.Optimizer;

/// <summary>
/// Typed calls of the optimizer protocol (<c>docs/optimizer-protocol.md</c>) under <c>/api/optimizer/v1</c> of a Floe
/// server. Every failure is an <see cref="OptimizerProtocolException"/>; the client never retries by itself.
/// </summary>
public sealed class OptimizerClient : IDisposable
{
    /// <summary>The header carrying the token <c>register</c> returned.</summary>
    public const string TokenHeader = "Floe-Optimizer-Token";

    private const string ApiPath = "api/optimizer/v1/";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _bearerToken;

    /// <param name="serverUrl">The server's base URL (<c>http://host:1630</c>); a URL already ending in the API path is kept.</param>
    /// <param name="bearerToken">An admin token secret for servers with <c>auth: token</c>; null otherwise.</param>
    /// <param name="httpClient">The client to send with (not disposed here); null for a new one.</param>
    public OptimizerClient(Uri serverUrl, string? bearerToken = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ApiBase = ApiBaseOf(serverUrl);
        _bearerToken = string.IsNullOrWhiteSpace(bearerToken) ? null : bearerToken;
        _ownsHttp = httpClient is null;
        // Each call has its own deadline (see RequestTimeout); the client-wide one would cut long polls. Pooled
        // connections are renewed now and then so a server that moved (an HA takeover behind one name) is found.
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The absolute URL the calls are relative to, ending in <c>/api/optimizer/v1/</c>.</summary>
    public Uri ApiBase { get; }

    /// <summary>How long a call may take before it counts as unanswered; a poll gets the poll timeout on top.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks a server URL given as text (a command-line flag); InvalidArgument with a clear message when it is not one.</summary>
    public static Uri ParseServerUrl(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(url.Host))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{text}' is not a server URL; give the Floe server's address, such as http://localhost:1630.");
        }

        return url;
    }

    public async Task<OptimizerRegistration> RegisterAsync(OptimizerRegisterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string answer = await SendAsync("register", null, ProtocolJson.Register(request), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return ProtocolJson.ParseRegistration(answer, request.Group);
    }

    public Task HeartbeatAsync(string token, CancellationToken cancellationToken = default) =>
        SendAsync("heartbeat", RequireToken(token), ProtocolJson.Empty(), TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Asks for a task for <paramref name="thread"/>; null when none came within the server's poll timeout
    /// (<paramref name="pollTimeout"/>, <see cref="OptimizerRegistration.PollTimeout"/>, which lengthens this call's deadline).
    /// </summary>
    public async Task<OptimizerTask?> PollAsync(string token, int thread, TimeSpan pollTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        string answer = await SendAsync("poll", RequireToken(token), ProtocolJson.Poll(thread), pollTimeout, cancellationToken).ConfigureAwait(false);
        return ProtocolJson.ParsePoll(answer);
    }

    public Task AckAsync(string token, int thread, TaskAttemptId task, CancellationToken cancellationToken = default) =>
        SendAsync("ack", RequireToken(token), ProtocolJson.Ack(thread, task), TimeSpan.Zero, cancellationToken);

    public Task CompleteAsync(string token, int thread, TaskAttemptId task, OptimizerTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return SendAsync("complete", RequireToken(token), ProtocolJson.Complete(thread, task, result), TimeSpan.Zero, cancellationToken);
    }

    public Task UnregisterAsync(string token, CancellationToken cancellationToken = default) =>
        SendAsync("unregister", RequireToken(token), ProtocolJson.Empty(), TimeSpan.Zero, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri ApiBaseOf(Uri serverUrl)
    {
        if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"'{serverUrl}' is not a server URL; give the Floe server's address, such as http://localhost:1630.");
        }

        string path = serverUrl.AbsolutePath.TrimEnd('/') + "/";
        if (!path.EndsWith("/" + ApiPath, StringComparison.Ordinal))
        {
            path += ApiPath;
        }

        return new UriBuilder(serverUrl) { Path = path, Query = "", Fragment = "" }.Uri;
    }

    private static string RequireToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return token;
    }

    private async Task<string> SendAsync(string call, string? optimizerToken, string body, TimeSpan extraTime, CancellationToken cancellationToken)
    {
        var url = new Uri(ApiBase, call);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (_bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearerToken);
        }

        if (optimizerToken is not null)
        {
            request.Headers.Add(TokenHeader, optimizerToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout + extraTime);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, deadline.Token).ConfigureAwait(false);
            string answer = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? answer : throw Refused(call, url, response, answer);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OptimizerProtocolException(
                FloeErrorKind.Environment,
                string.Create(CultureInfo.InvariantCulture, $"The Floe server at {ServerOf(url)} did not answer {call} within {(RequestTimeout + extraTime).TotalSeconds:0.#} s."),
                call, null, null, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OptimizerProtocolException(
                FloeErrorKind.Environment, $"Cannot reach the Floe server at {ServerOf(url)} ({call}): {Sentence(ex.Message)}", call, null, null, ex);
        }
    }

    private static OptimizerProtocolException Refused(string call, Uri url, HttpResponseMessage response, string body)
    {
        int status = (int)response.StatusCode;
        (string? message, string? type) = ProtocolJson.ParseError(body);
        FloeErrorKind kind = response.StatusCode switch
        {
            HttpStatusCode.BadRequest => FloeErrorKind.InvalidArgument,
            HttpStatusCode.Unauthorized => FloeErrorKind.Unauthorized,
            HttpStatusCode.Forbidden => FloeErrorKind.Forbidden,
            HttpStatusCode.NotFound => FloeErrorKind.NotFound,
            HttpStatusCode.Conflict => FloeErrorKind.CommitConflict,
            _ when status >= 500 => FloeErrorKind.Environment,
            _ => FloeErrorKind.Unexpected,
        };
        string text = (message, status) switch
        {
            (not null, _) => string.Create(CultureInfo.InvariantCulture, $"The Floe server refused {call}: {message} ({type ?? "error"}, HTTP {status})."),
            (null, >= 500) => string.Create(CultureInfo.InvariantCulture, $"The Floe server at {ServerOf(url)} answered {call} with {status} {response.ReasonPhrase}."),
            // No Floe error body: most likely not a Floe server, or a wrong path.
            _ => string.Create(CultureInfo.InvariantCulture, $"POST {url} answered {status} {response.ReasonPhrase}; is {ServerOf(url)} a Floe server?"),
        };
        return new OptimizerProtocolException(kind, text, call, status, type);
    }

    private static string ServerOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    // Log lines append "Retrying in ..." to these messages.
    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
