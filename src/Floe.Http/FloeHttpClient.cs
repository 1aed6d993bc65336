using System.Net.Http.Headers;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Http;

/// <summary>
/// The HTTP base of Floe's clients: sends <see cref="HttpCall"/>s relative to <see cref="BaseAddress"/> with the
/// configured <see cref="IHttpAuth"/>, a deadline per attempt, retries of idempotent calls by
/// <see cref="HttpRetryPolicy"/>, and failures as <see cref="FloeException"/>s of the kind
/// <see cref="HttpErrorTable"/> gives, carrying the server's message.
/// </summary>
public sealed class FloeHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <param name="baseAddress">Calls' paths are relative to it; a missing trailing slash is added.</param>
    /// <param name="auth">How requests authenticate; null sends none.</param>
    /// <param name="retry">When calls are repeated; null for the default policy.</param>
    /// <param name="httpClient">The client to send with (not disposed here); null for a new one.</param>
    public FloeHttpClient(Uri baseAddress, IHttpAuth? auth = null, HttpRetryPolicy? retry = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        Auth = auth;
        Retry = retry ?? new HttpRetryPolicy();
        _ownsHttp = httpClient is null;
        // Each attempt has its own deadline (Timeout below), so the client-wide one is off.
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
    }

    public Uri BaseAddress { get; }

    public IHttpAuth? Auth { get; }

    public HttpRetryPolicy Retry { get; }

    /// <summary>How long one attempt may take before it counts as unanswered.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra headers sent with every call.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Sends the call; a non-2xx answer is a <see cref="FloeException"/>.</summary>
    public async Task<HttpReply> SendAsync(HttpCall call, CancellationToken cancellationToken = default)
    {
        var reply = await TrySendAsync(call, cancellationToken).ConfigureAwait(false);
        return reply.IsSuccess ? reply : throw ToException(call, reply);
    }

    /// <summary>Sends the call and returns any answer; only a missing answer (after retries) is an exception.</summary>
    public async Task<HttpReply> TrySendAsync(HttpCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        bool refreshedAuth = false;
        for (int attempt = 1; ; attempt++)
        {
            HttpReply? reply = null;
            Exception? failure = null;
            try
            {
                reply = await SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failure = e;
            }

            if (reply is { Status: 401 } && Auth is not null && !refreshedAuth)
            {
                // A cached token may have been revoked or expired early: fetch a fresh one once (a fixed one
                // would only be refused again).
                refreshedAuth = true;
                if (Auth.Invalidate())
                {
                    attempt--;
                    continue;
                }
            }

            if (!Retry.ShouldRetry(attempt, call.IsIdempotent, reply?.Status))
            {
                return reply ?? throw Unanswered(call, failure!, attempt);
            }

            await Task.Delay(Retry.DelayAfter(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The exception for a failed answer: the kind from the status and Iceberg type, the server's message.</summary>
    public static FloeException ToException(HttpCall call, HttpReply reply)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(reply);
        var (message, type) = HttpErrorBody.Read(reply.Body.Span);
        var kind = HttpErrorTable.KindOf(reply.Status, type);
        if (call.IsCommit && reply.Status >= 500)
        {
            kind = FloeErrorKind.CommitStateUnknown;
        }

        string text = message is { Length: > 0 } ? message : $"{call.Describe} failed with HTTP {reply.Status}.";
        return new FloeException(kind, kind == FloeErrorKind.CommitStateUnknown
            ? $"The outcome of {call.Describe} is unknown (HTTP {reply.Status}): {text} Check the table before committing again."
            : text);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task<HttpReply> SendOnceAsync(HttpCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, new Uri(BaseAddress, call.Path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in call.Headers is null ? Headers : Headers.Concat(call.Headers))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (call.Json is { } write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                write(writer);
            }

            request.Content = new ByteArrayContent(buffer.ToArray());
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        else if (call.JsonBytes is { } bytes)
        {
            request.Content = new ReadOnlyMemoryContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        else if (call.Form is { } form)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (Auth is not null)
        {
            await Auth.AuthenticateAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(call.Timeout ?? Timeout);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
        return new HttpReply((int)response.StatusCode, body);
    }

    private FloeException Unanswered(HttpCall call, Exception failure, int attempts)
    {
        string reason = failure is OperationCanceledException ? $"no answer within {(call.Timeout ?? Timeout).TotalSeconds:0.###} s" : failure.Message;
        string tries = attempts == 1 ? "" : $" after {attempts} attempts";
        return call.IsCommit
            ? new FloeException(FloeErrorKind.CommitStateUnknown,
                $"The outcome of {call.Describe} at {BaseAddress} is unknown ({reason}); check the table before committing again.", failure)
            : new FloeException(FloeErrorKind.Environment, $"{call.Describe} at {BaseAddress} failed{tries}: {reason}.", failure);
    }
}
