using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Floe.Contracts.Optimizer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Floe.TestKit.Optimizing;

/// <summary>One call the fake server received: the call name, the optimizer token header and the body.</summary>
public sealed record RecordedCall(string Call, string? Token, string? Bearer, JsonElement Body);

/// <summary>A <c>complete</c> the fake server accepted: the caller's token and the request as its record.</summary>
public sealed record Completion(string Token, CompleteRequest Request)
{
    public int Thread => Request.Thread;

    public string? OutputJson => Request.Output?.GetRawText();

    public string? Error => Request.Error;
}

/// <summary>
/// The server side of the optimizer protocol in miniature, with the protocol's records (Floe.Contracts), on Kestrel at 127.0.0.1 and a free port: registers
/// optimizers, hands out queued tasks on poll (holding the poll up to <see cref="PollTimeoutMs"/>), records every call,
/// and answers scripted errors (<see cref="FailNext"/>) or 401 UnknownOptimizer after <see cref="ForgetOptimizers"/>.
/// </summary>
public sealed class FakeOptimizerServer : IAsyncDisposable
{
    private static readonly OptimizerProtocolJson Json = OptimizerProtocolJson.Wire;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<PolledTask> _tasks = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string? Type)>> _scripted = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<Completion> _completions = [];
    private int _nextToken;

    private FakeOptimizerServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri Url { get; private set; } = null!;

    public int HeartbeatIntervalMs { get; set; } = 50;

    public int PollTimeoutMs { get; set; } = 50;

    /// <summary>When set, every call must carry <c>Authorization: Bearer</c> with this secret.</summary>
    public string? RequiredBearer { get; set; }

    /// <summary>The groups register accepts.</summary>
    public HashSet<string> Groups { get; } = ["default"];

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<Completion> Completions
    {
        get
        {
            lock (_lock)
            {
                return [.. _completions];
            }
        }
    }

    public static async Task<FakeOptimizerServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FakeOptimizerServer(builder.Build());
        await server._app.StartAsync(TestContext.Current.CancellationToken).ConfigureAwait(false);
        server.Url = new Uri(server._app.Urls.First());
        return server;
    }

    /// <summary>A task to hand out: attempt <paramref name="attempt"/> of a task of <paramref name="kind"/> with the input object <paramref name="inputJson"/>.</summary>
    public static PolledTask TaskOf(long processId, int taskId, int attempt, string kind, string inputJson)
    {
        using JsonDocument input = JsonDocument.Parse(inputJson);
        return new PolledTask { ProcessId = processId, TaskId = taskId, Attempt = attempt, Kind = kind, Input = input.RootElement.Clone() };
    }

    public void Enqueue(PolledTask task) => _tasks.Enqueue(task);

    /// <summary>Answers the next <paramref name="times"/> calls of <paramref name="call"/> with an error (no body when <paramref name="type"/> is null).</summary>
    public void FailNext(string call, int status, string? type, int times = 1)
    {
        ConcurrentQueue<(int, string?)> queue = _scripted.GetOrAdd(call, _ => new ConcurrentQueue<(int, string?)>());
        for (int i = 0; i < times; i++)
        {
            queue.Enqueue((status, type));
        }
    }

    /// <summary>Drops every registered optimizer, as a server restart or a heartbeat timeout would.</summary>
    public void ForgetOptimizers() => _tokens.Clear();

    public int CountOf(string call) => Calls.Count(c => c.Call == call);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        const string Prefix = OptimizerProtocol.BasePath + "/";
        string path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal) || context.Request.Method != "POST")
        {
            context.Response.StatusCode = 404;
            return;
        }

        string call = path[Prefix.Length..];
        JsonElement body;
        using (JsonDocument document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false))
        {
            body = document.RootElement.Clone();
        }

        string? token = context.Request.Headers[OptimizerProtocol.TokenHeader].FirstOrDefault();
        string? bearer = context.Request.Headers.Authorization.FirstOrDefault();
        lock (_lock)
        {
            _calls.Add(new RecordedCall(call, token, bearer, body));
        }

        if (RequiredBearer is not null && bearer != "Bearer " + RequiredBearer)
        {
            await ErrorAsync(context, 401, "NotAuthorizedException", "a bearer token is required").ConfigureAwait(false);
            return;
        }

        if (_scripted.TryGetValue(call, out ConcurrentQueue<(int Status, string? Type)>? script) && script.TryDequeue(out var failure))
        {
            if (failure.Type is null)
            {
                context.Response.StatusCode = failure.Status;
            }
            else
            {
                await ErrorAsync(context, failure.Status, failure.Type, $"scripted {failure.Type}").ConfigureAwait(false);
            }

            return;
        }

        if (call == "register")
        {
            await RegisterAsync(context, body).ConfigureAwait(false);
            return;
        }

        if (token is null || !_tokens.ContainsKey(token))
        {
            await ErrorAsync(context, 401, OptimizerErrorTypes.UnknownOptimizer, "unknown optimizer token").ConfigureAwait(false);
            return;
        }

        switch (call)
        {
            case "poll":
                Read(body, Json.PollRequest);
                await PollAsync(context).ConfigureAwait(false);
                break;
            case "complete":
                CompleteRequest complete = Read(body, Json.CompleteRequest);
                lock (_lock)
                {
                    _completions.Add(new Completion(token, complete));
                }

                await OkAsync(context, EmptyMessage.Instance, Json.EmptyMessage).ConfigureAwait(false);
                break;
            case "unregister":
                _tokens.TryRemove(token, out _);
                await OkAsync(context, EmptyMessage.Instance, Json.EmptyMessage).ConfigureAwait(false);
                break;
            case "heartbeat":
                await OkAsync(context, EmptyMessage.Instance, Json.EmptyMessage).ConfigureAwait(false);
                break;
            case "ack":
                Read(body, Json.AckRequest);
                await OkAsync(context, EmptyMessage.Instance, Json.EmptyMessage).ConfigureAwait(false);
                break;
            default:
                await ErrorAsync(context, 404, "NoSuchCall", $"no call '{call}'").ConfigureAwait(false);
                break;
        }
    }

    private async Task RegisterAsync(HttpContext context, JsonElement body)
    {
        RegisterRequest request = Read(body, Json.RegisterRequest);
        string group = request.Group ?? "default";
        if (!Groups.Contains(group))
        {
            await ErrorAsync(context, 404, OptimizerErrorTypes.NoSuchGroup, $"there is no optimizer group '{group}'").ConfigureAwait(false);
            return;
        }

        string token = "opt-" + Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        _tokens[token] = group;
        var answer = new RegisterResponse { Token = token, Group = group, HeartbeatIntervalMs = HeartbeatIntervalMs, PollTimeoutMs = PollTimeoutMs };
        await OkAsync(context, answer, Json.RegisterResponse).ConfigureAwait(false);
    }

    private async Task PollAsync(HttpContext context)
    {
        DateTime until = DateTime.UtcNow.AddMilliseconds(PollTimeoutMs);
        PolledTask? task;
        while (!_tasks.TryDequeue(out task) && DateTime.UtcNow < until && !context.RequestAborted.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
        }

        if (task is null)
        {
            await OkAsync(context, new PollResponse(), Json.PollResponse).ConfigureAwait(false);
            return;
        }

        await OkAsync(context, new PollResponse { Task = task }, Json.PollResponse).ConfigureAwait(false);
    }

    /// <summary>A request body as its record: a body the client wrote wrong fails the test's call loudly.</summary>
    private static T Read<T>(JsonElement body, JsonTypeInfo<T> type) => body.Deserialize(type)!;

    private static Task OkAsync<T>(HttpContext context, T answer, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, type));
    }

    private static Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = status } };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(error.ToJsonString());
    }
}
