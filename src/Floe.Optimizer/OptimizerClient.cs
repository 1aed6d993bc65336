using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Http;
using Floe.Optimizer.Protocol;

namespace Floe.Optimizer;

/// <summary>
/// Typed calls of the optimizer protocol (<c>docs/optimizer-protocol.md</c>) under <c>/api/optimizer/v1</c> of a Floe
/// server, with the protocol's records (<see cref="OptimizerProtocolJson"/>) on <see cref="FloeHttpClient"/>. Every
/// failure is an <see cref="OptimizerProtocolException"/>; the client never retries by itself (the worker does).
/// </summary>
public sealed class OptimizerClient : IDisposable
{
    /// <summary>The header carrying the token <c>register</c> returned.</summary>
    public const string TokenHeader = OptimizerProtocol.TokenHeader;

    private const string ApiPath = "api/optimizer/v1/";
    private static readonly OptimizerProtocolJson Json = OptimizerProtocolJson.Wire;

    private readonly FloeHttpClient _http;

    /// <param name="serverUrl">The server's base URL (<c>http://host:1630</c>); a URL already ending in the API path is kept.</param>
    /// <param name="bearerToken">An admin token secret for servers with <c>auth: token</c>; null otherwise.</param>
    /// <param name="httpClient">The client to send with (not disposed here); null for a new one.</param>
    /// <param name="requestTimeout">How long a call may take before it counts as unanswered (a poll gets the poll timeout on top); null for 30 s.</param>
    public OptimizerClient(Uri serverUrl, string? bearerToken = null, HttpClient? httpClient = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ApiBase = ApiBaseOf(serverUrl);
        RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(30);
        _http = new FloeHttpClient(
            ApiBase,
            string.IsNullOrWhiteSpace(bearerToken) ? null : new BearerTokenAuth(bearerToken),
            HttpRetryPolicy.None,
            httpClient)
        {
            Timeout = RequestTimeout,
        };
    }

    /// <summary>The absolute URL the calls are relative to, ending in <c>/api/optimizer/v1/</c>.</summary>
    public Uri ApiBase { get; }

    /// <summary>How long a call may take before it counts as unanswered; a poll gets the poll timeout on top.</summary>
    public TimeSpan RequestTimeout { get; }

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

    /// <summary>Registers; the request's properties are sent in ordinal key order.</summary>
    public async Task<OptimizerRegistration> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Group);
        var sorted = new SortedDictionary<string, string>(
            request.Properties?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) ?? [], StringComparer.Ordinal);
        RegisterResponse answer = await CallAsync(
            "register", null, request with { Properties = sorted }, Json.RegisterRequest, Json.RegisterResponse, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return Registration(answer, request.Group);
    }

    public Task HeartbeatAsync(string token, CancellationToken cancellationToken = default) =>
        CallAsync("heartbeat", RequireToken(token), EmptyMessage.Instance, Json.EmptyMessage, Json.EmptyMessage, TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Asks for a task for <paramref name="thread"/>; null when none came within the server's poll timeout
    /// (<paramref name="pollTimeout"/>, <see cref="OptimizerRegistration.PollTimeout"/>, which lengthens this call's deadline).
    /// </summary>
    public async Task<OptimizerTask?> PollAsync(string token, int thread, TimeSpan pollTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thread);
        PollResponse answer = await CallAsync(
            "poll", RequireToken(token), new PollRequest { Thread = thread }, Json.PollRequest, Json.PollResponse, pollTimeout, cancellationToken).ConfigureAwait(false);
        if (answer.Task is not { } task)
        {
            return null;
        }

        return task.Input.ValueKind == JsonValueKind.Object
            ? new OptimizerTask(new TaskAttemptId(task.ProcessId, task.TaskId, task.Attempt), task.Kind, task.Input.GetRawText())
            : throw Invalid("poll", "'task.input' is not an object");
    }

    public Task AckAsync(string token, int thread, TaskAttemptId task, CancellationToken cancellationToken = default) =>
        CallAsync(
            "ack", RequireToken(token),
            new AckRequest { Thread = thread, ProcessId = task.ProcessId, TaskId = task.TaskId, Attempt = task.Attempt },
            Json.AckRequest, Json.EmptyMessage, TimeSpan.Zero, cancellationToken);

    public Task CompleteAsync(string token, int thread, TaskAttemptId task, OptimizerTaskResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new CompleteRequest
        {
            Thread = thread,
            ProcessId = task.ProcessId,
            TaskId = task.TaskId,
            Attempt = task.Attempt,
            Output = result.OutputJson is { } output ? OutputObject(output) : null,
            Error = result.Error,
        };
        return CallAsync("complete", RequireToken(token), body, Json.CompleteRequest, Json.EmptyMessage, TimeSpan.Zero, cancellationToken);
    }

    public Task UnregisterAsync(string token, CancellationToken cancellationToken = default) =>
        CallAsync("unregister", RequireToken(token), EmptyMessage.Instance, Json.EmptyMessage, Json.EmptyMessage, TimeSpan.Zero, cancellationToken);

    public void Dispose() => _http.Dispose();

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

    private static OptimizerRegistration Registration(RegisterResponse answer, string requestedGroup)
    {
        if (answer.Token.Length == 0)
        {
            throw Invalid("register", "'token' is empty");
        }

        long heartbeatMs = answer.HeartbeatIntervalMs ?? 10_000;
        long pollMs = answer.PollTimeoutMs ?? 3_000;
        if (heartbeatMs <= 0 || pollMs < 0)
        {
            throw Invalid("register", "'heartbeat-interval-ms' must be positive and 'poll-timeout-ms' not negative");
        }

        return new OptimizerRegistration(answer.Token, answer.Group ?? requestedGroup, TimeSpan.FromMilliseconds(heartbeatMs), TimeSpan.FromMilliseconds(pollMs));
    }

    /// <summary>The executor's output text as the JSON object the protocol carries.</summary>
    private static JsonElement OutputObject(string json)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new FloeException(FloeErrorKind.InvalidData, "The task output is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"The task output is not valid JSON: {ex.Message}", ex);
        }
    }

    private async Task<TAnswer> CallAsync<TBody, TAnswer>(
        string call, string? optimizerToken, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TAnswer> answerType, TimeSpan extraTime, CancellationToken cancellationToken)
    {
        var request = new HttpCall(HttpMethod.Post, call)
        {
            JsonBytes = JsonSerializer.SerializeToUtf8Bytes(body, bodyType),
            Headers = optimizerToken is null ? null : new Dictionary<string, string> { [TokenHeader] = optimizerToken },
            Timeout = RequestTimeout + extraTime,
            Idempotent = false,
            What = call,
        };
        var url = new Uri(ApiBase, call);
        HttpReply reply;
        try
        {
            reply = await _http.TrySendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException ex) when (ex.Kind == FloeErrorKind.Environment && !cancellationToken.IsCancellationRequested)
        {
            string text = ex.InnerException is OperationCanceledException
                ? string.Create(CultureInfo.InvariantCulture, $"The Floe server at {ServerOf(url)} did not answer {call} within {(RequestTimeout + extraTime).TotalSeconds:0.#} s.")
                : $"Cannot reach the Floe server at {ServerOf(url)} ({call}): {Sentence(ex.InnerException?.Message ?? ex.Message)}";
            throw new OptimizerProtocolException(FloeErrorKind.Environment, text, call, null, null, ex.InnerException ?? ex);
        }

        if (!reply.IsSuccess)
        {
            throw Refused(call, url, reply);
        }

        try
        {
            return JsonSerializer.Deserialize(reply.Body.Span, answerType) ?? throw Invalid(call, "the answer is null");
        }
        catch (JsonException ex)
        {
            throw Invalid(call, ex.Message, ex);
        }
    }

    private static OptimizerProtocolException Refused(string call, Uri url, HttpReply reply)
    {
        int status = reply.Status;
        (string? message, string? type) = HttpErrorBody.Read(reply.Body.Span);
        string text = (message, status) switch
        {
            (not null, _) => string.Create(CultureInfo.InvariantCulture, $"The Floe server refused {call}: {message} ({type ?? "error"}, HTTP {status})."),
            (null, >= 500) => string.Create(CultureInfo.InvariantCulture, $"The Floe server at {ServerOf(url)} answered {call} with {status}."),
            // No Floe error body: most likely not a Floe server, or a wrong path.
            _ => string.Create(CultureInfo.InvariantCulture, $"POST {url} answered {status}; is {ServerOf(url)} a Floe server?"),
        };
        return new OptimizerProtocolException(HttpErrorTable.KindOf(status, type), text, call, status, type);
    }

    private static OptimizerProtocolException Invalid(string call, string problem, Exception? inner = null) =>
        new(FloeErrorKind.InvalidData, $"The server's answer to {call} is not an optimizer protocol answer: {Sentence(problem)}", call, 200, null, inner);

    private static string ServerOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    // Log lines append "Retrying in ..." to these messages.
    private static string Sentence(string text) => text.EndsWith('.') ? text : text + ".";
}
