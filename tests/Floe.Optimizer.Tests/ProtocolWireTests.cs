using System.Net;
using System.Text;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Optimizer.Protocol;

namespace Floe.Optimizer.Tests;

/// <summary>The optimizer protocol's records on the wire, and the client's reading of answers.</summary>
public sealed class ProtocolWireTests
{
    private static readonly OptimizerProtocolJson Json = OptimizerProtocolJson.Wire;

    [Fact]
    public async Task Register_writes_every_member_with_the_properties_in_key_order()
    {
        var handler = new CannedHandler(200, """{"token": "t", "group": "g", "heartbeat-interval-ms": 250, "poll-timeout-ms": 0}""");
        using var client = new OptimizerClient(new Uri("http://host:1630"), httpClient: new HttpClient(handler));

        OptimizerRegistration registration = await client.RegisterAsync(
            new RegisterRequest { Group = "g", Threads = 3, MemoryMb = 512, ResourceId = "pod-1", Properties = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } },
            TestContext.Current.CancellationToken);

        Assert.Equal("""{"group":"g","threads":3,"memory-mb":512,"resource-id":"pod-1","properties":{"a":"1","b":"2"}}""", handler.LastBody);
        Assert.Equal("http://host:1630/api/optimizer/v1/register", handler.LastUrl);
        Assert.Equal(new OptimizerRegistration("t", "g", TimeSpan.FromMilliseconds(250), TimeSpan.Zero), registration);
        Assert.DoesNotContain("t,", registration.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_without_intervals_takes_the_defaults_and_a_bad_one_is_refused()
    {
        using var bare = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(new CannedHandler(200, """{"token": "t"}""")));
        using var empty = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(new CannedHandler(200, """{"token": ""}""")));
        using var zero = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(new CannedHandler(200, """{"token": "t", "heartbeat-interval-ms": 0}""")));
        var request = new RegisterRequest { Group = "x", Threads = 1 };

        Assert.Equal(new OptimizerRegistration("t", "x", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)), await bare.RegisterAsync(request, TestContext.Current.CancellationToken));
        Assert.Equal(FloeErrorKind.InvalidData, (await Assert.ThrowsAsync<OptimizerProtocolException>(() => empty.RegisterAsync(request, TestContext.Current.CancellationToken))).Kind);
        Assert.Contains("'heartbeat-interval-ms' must be positive", (await Assert.ThrowsAsync<OptimizerProtocolException>(() => zero.RegisterAsync(request, TestContext.Current.CancellationToken))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complete_carries_the_output_object_or_the_error_with_text_unescaped()
    {
        var handler = new CannedHandler(200, "{}");
        using var client = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(handler));
        var id = new TaskAttemptId(7, 2, 1);

        await client.CompleteAsync("tok", 0, id, OptimizerTaskResult.Success("""{"data-files": [ {"x": 1.50} ], "é": "ü"}"""), TestContext.Current.CancellationToken);
        string success = handler.LastBody;
        await client.CompleteAsync("tok", 1, id, OptimizerTaskResult.Failure("disk \"full\""), TestContext.Current.CancellationToken);

        Assert.Equal("""{"thread":0,"process-id":7,"task-id":2,"attempt":1,"output":{"data-files":[{"x":1.50}],"é":"ü"}}""", success);
        Assert.Equal("""{"thread":1,"process-id":7,"task-id":2,"attempt":1,"error":"disk \"full\""}""", handler.LastBody);
        Assert.Equal("tok", handler.LastToken);
    }

    [Fact]
    public async Task An_output_that_is_not_a_JSON_object_is_refused_before_sending()
    {
        var handler = new CannedHandler(200, "{}");
        using var client = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(handler));

        foreach (string output in new[] { "[1]", "{" })
        {
            var error = await Assert.ThrowsAsync<FloeException>(() => client.CompleteAsync("tok", 0, new TaskAttemptId(1, 1, 1), OptimizerTaskResult.Success(output), TestContext.Current.CancellationToken));
            Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        }

        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task Poll_answers_give_the_task_with_its_input_or_none()
    {
        var handler = new CannedHandler(200, """{"task": {"process-id": 9000000000, "task-id": 2, "attempt": 3, "kind": "iceberg-rewrite", "input": {"a": [1, 2]}}}""");
        using var client = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(handler));

        OptimizerTask? task = await client.PollAsync("tok", 4, TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.NotNull(task);
        Assert.Equal(new TaskAttemptId(9_000_000_000, 2, 3), task.Id);
        Assert.Equal("iceberg-rewrite", task.Kind);
        Assert.Equal("""{"a": [1, 2]}""", task.InputJson);
        Assert.Equal("""{"thread":4}""", handler.LastBody);
        handler.Answer = """{"task": null}""";
        Assert.Null(await client.PollAsync("tok", 0, TimeSpan.Zero, TestContext.Current.CancellationToken));
        handler.Answer = "{}";
        Assert.Null(await client.PollAsync("tok", 0, TimeSpan.Zero, TestContext.Current.CancellationToken));
        Assert.Equal("""{"task":null}""", JsonSerializer.Serialize(new PollResponse(), Json.PollResponse));
    }

    [Theory]
    [InlineData("""{"task": {"process-id": 1, "task-id": 2, "attempt": 1, "kind": "k", "input": "text"}}""", "'task.input' is not an object")]
    [InlineData("""{"task": {"process-id": 1, "task-id": 2, "attempt": 1, "input": {}}}""", "kind")]
    [InlineData("""{"task": {"process-id": 1, "task-id": 2, "attempt": 1, "kind": null, "input": {}}}""", "kind")]
    [InlineData("""{"task": {"process-id": "1", "task-id": 2, "attempt": 1, "kind": "k", "input": {}}}""", "process-id")]
    [InlineData("""{"task": {"process-id": 1, "task-id": 9000000000, "attempt": 1, "kind": "k", "input": {}}}""", "task-id")]
    [InlineData("""{"task": {"process-id": 1, "process-id": 1, "task-id": 2, "attempt": 1, "kind": "k", "input": {}}}""", "process-id")]
    [InlineData("<html>", "not an optimizer protocol answer")]
    public async Task Malformed_poll_answers_fail_naming_the_problem(string json, string problem)
    {
        using var client = new OptimizerClient(new Uri("http://host"), httpClient: new HttpClient(new CannedHandler(200, json)));

        var error = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.PollAsync("tok", 0, TimeSpan.Zero, TestContext.Current.CancellationToken));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData(401, OptimizerErrorTypes.UnknownOptimizer, FloeErrorKind.Unauthorized, "register")]
    [InlineData(401, "NotAuthorizedException", FloeErrorKind.Unauthorized, "fail")]
    [InlineData(401, OptimizerErrorTypes.BadOptimizerToken, FloeErrorKind.Unauthorized, "fail")]
    [InlineData(409, OptimizerErrorTypes.StaleTask, FloeErrorKind.CommitConflict, "drop")]
    [InlineData(404, OptimizerErrorTypes.NoSuchGroup, FloeErrorKind.NotFound, "fail")]
    [InlineData(503, null, FloeErrorKind.Environment, "retry")]
    [InlineData(500, "RuntimeException", FloeErrorKind.Unexpected, "retry")]
    [InlineData(501, null, FloeErrorKind.Unsupported, "fail")]
    [InlineData(429, null, FloeErrorKind.Environment, "retry")]
    public async Task Refusals_take_their_kind_from_the_status_table_and_say_what_to_do(int status, string? type, FloeErrorKind kind, string action)
    {
        string body = type is null ? "" : $$$"""{"error": {"message": "no", "type": "{{{type}}}", "code": {{{status}}}}}""";
        var handler = new CannedHandler(status, body);
        using var client = new OptimizerClient(new Uri("http://host"), "admin", new HttpClient(handler));

        var error = await Assert.ThrowsAsync<OptimizerProtocolException>(() => client.HeartbeatAsync("tok", TestContext.Current.CancellationToken));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(type, error.ErrorType);
        Assert.Equal(action, error.IsUnknownOptimizer ? "register" : error.IsStaleTask ? "drop" : error.IsTransient ? "retry" : "fail");
        Assert.Equal(type == OptimizerErrorTypes.BadOptimizerToken, error.IsBadToken);
        // Sent once: a fixed bearer token is not refreshed and the client never retries by itself.
        Assert.Equal(1, handler.Calls);
        Assert.Equal("Bearer admin", handler.LastAuthorization);
        if (type is not null)
        {
            Assert.Equal($"The Floe server refused heartbeat: no ({type}, HTTP {status}).", error.Message);
        }
    }

    private sealed class CannedHandler(int status, string answer) : HttpMessageHandler
    {
        public string Answer { get; set; } = answer;

        public int Calls { get; private set; }

        public string LastBody { get; private set; } = "";

        public string? LastUrl { get; private set; }

        public string? LastToken { get; private set; }

        public string? LastAuthorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastUrl = request.RequestUri?.ToString();
            LastBody = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(cancellationToken));
            LastToken = request.Headers.TryGetValues(OptimizerClient.TokenHeader, out var tokens) ? tokens.Single() : null;
            LastAuthorization = request.Headers.Authorization?.ToString();
            return new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(Answer, Encoding.UTF8, "application/json") };
        }
    }
}
