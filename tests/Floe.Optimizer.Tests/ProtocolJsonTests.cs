using Floe.Common.Errors;
using Floe.Optimizer.Protocol;

namespace Floe.Optimizer.Tests;

public sealed class ProtocolJsonTests
{
    [Fact]
    public void Register_writes_every_member_of_the_protocol()
    {
        string json = ProtocolJson.Register(new OptimizerRegisterRequest
        {
            Group = "g",
            Threads = 3,
            MemoryMb = 512,
            ResourceId = "pod-1",
            Properties = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        });

        Assert.Equal("""{"group":"g","threads":3,"memory-mb":512,"resource-id":"pod-1","properties":{"a":"1","b":"2"}}""", json);
    }

    [Fact]
    public void Complete_carries_the_output_unchanged_or_the_error()
    {
        var id = new TaskAttemptId(7, 2, 1);
        string output = """{"data-files": [ {"x": 1.50} ], "é": "ü"}""";

        string success = ProtocolJson.Complete(0, id, OptimizerTaskResult.Success(output));
        string failure = ProtocolJson.Complete(1, id, OptimizerTaskResult.Failure("disk \"full\""));

        Assert.Equal("""{"thread":0,"process-id":7,"task-id":2,"attempt":1,"output":""" + output + "}", success);
        Assert.Equal("""{"thread":1,"process-id":7,"task-id":2,"attempt":1,"error":"disk \"full\""}""", failure);
    }

    [Fact]
    public void An_output_that_is_not_a_JSON_object_is_refused()
    {
        var id = new TaskAttemptId(7, 2, 1);

        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => ProtocolJson.Complete(0, id, OptimizerTaskResult.Success("[1]"))).Kind);
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => ProtocolJson.Complete(0, id, OptimizerTaskResult.Success("{"))).Kind);
    }

    [Fact]
    public void Poll_answers_parse_with_the_input_as_raw_text()
    {
        OptimizerTask? task = ProtocolJson.ParsePoll("""{"task": {"process-id": 9000000000, "task-id": 2, "attempt": 3, "kind": "iceberg-rewrite", "input": {"a": [1, 2]}}}""");

        Assert.NotNull(task);
        Assert.Equal(new TaskAttemptId(9_000_000_000, 2, 3), task.Id);
        Assert.Equal("iceberg-rewrite", task.Kind);
        Assert.Equal("""{"a": [1, 2]}""", task.InputJson);
        Assert.Null(ProtocolJson.ParsePoll("""{"task": null}"""));
        Assert.Null(ProtocolJson.ParsePoll("{}"));
    }

    [Theory]
    [InlineData("""{"task": {"process-id": 1, "task-id": 2, "attempt": 1, "kind": "k", "input": "text"}}""", "'task.input' is missing or not an object")]
    [InlineData("""{"task": {"process-id": 1, "task-id": 2, "attempt": 1, "input": {}}}""", "'kind' is missing")]
    [InlineData("""{"task": {"process-id": "1", "task-id": 2, "attempt": 1, "kind": "k", "input": {}}}""", "'process-id' is not an integer")]
    [InlineData("""{"task": {"process-id": 1, "task-id": 9000000000, "attempt": 1, "kind": "k", "input": {}}}""", "a number is out of range")]
    [InlineData("<html>", "the answer is not JSON")]
    public void Malformed_poll_answers_fail_naming_the_problem(string json, string problem)
    {
        var error = Assert.Throws<OptimizerProtocolException>(() => ProtocolJson.ParsePoll(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Registration_answers_parse_with_defaults_for_missing_intervals()
    {
        OptimizerRegistration full = ProtocolJson.ParseRegistration("""{"token": "t", "group": "g", "heartbeat-interval-ms": 250, "poll-timeout-ms": 0}""", "x");
        OptimizerRegistration bare = ProtocolJson.ParseRegistration("""{"token": "t"}""", "x");

        Assert.Equal(new OptimizerRegistration("t", "g", TimeSpan.FromMilliseconds(250), TimeSpan.Zero), full);
        Assert.Equal(new OptimizerRegistration("t", "x", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3)), bare);
        Assert.DoesNotContain("t,", full.ToString(), StringComparison.Ordinal);
        Assert.Throws<OptimizerProtocolException>(() => ProtocolJson.ParseRegistration("""{"token": ""}""", "x"));
        Assert.Throws<OptimizerProtocolException>(() => ProtocolJson.ParseRegistration("""{"token": "t", "heartbeat-interval-ms": 0}""", "x"));
    }

    [Fact]
    public void Error_bodies_give_their_message_and_type()
    {
        Assert.Equal(("gone", "StaleTask"), ProtocolJson.ParseError("""{"error": {"message": "gone", "type": "StaleTask", "code": 409}}"""));
        Assert.Equal(((string?)null, (string?)null), ProtocolJson.ParseError("<html>Bad gateway</html>"));
        Assert.Equal(((string?)null, (string?)null), ProtocolJson.ParseError(""));
    }
}
