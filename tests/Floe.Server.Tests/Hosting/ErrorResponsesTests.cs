using System.Text.Json;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Http;
using Floe.Server.Hosting;
using Floe.Server.Optimizing.Api;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Tests.Hosting;

/// <summary>
/// The one error path of every endpoint group: the status follows the failure's kind through one table, the type
/// follows the endpoint's dialect, and the body is the error body.
/// </summary>
public sealed class ErrorResponsesTests
{
    public static TheoryData<string, FloeErrorKind, int, string> Cases => new()
    {
        { "management", FloeErrorKind.NotFound, 404, "NotFoundException" },
        { "management", FloeErrorKind.AlreadyExists, 409, "AlreadyExistsException" },
        { "management", FloeErrorKind.InvalidArgument, 400, "BadRequestException" },
        { "management", FloeErrorKind.Forbidden, 403, "ForbiddenException" },
        { "management", FloeErrorKind.Unsupported, 406, "UnsupportedOperationException" },
        { "management", FloeErrorKind.Environment, 500, "InternalServerError" },
        { "optimizer", FloeErrorKind.Unauthorized, 401, "NotAuthorizedException" },
        { "optimizer", FloeErrorKind.CommitConflict, 409, "CommitFailedException" },
        { "optimizer", FloeErrorKind.InvalidArgument, 400, "BadRequestException" },
        { "rest", FloeErrorKind.NotFound, 404, "NoSuchNamespaceException" },
        { "rest", FloeErrorKind.CommitConflict, 409, "CommitFailedException" },
        { "rest-commit", FloeErrorKind.Unexpected, 500, "CommitStateUnknownException" },
        { "rest-config", FloeErrorKind.NotFound, 404, "NoSuchWarehouseException" },
        { "none", FloeErrorKind.NotEmpty, 409, "NamespaceNotEmptyException" },
        { "none", FloeErrorKind.Unauthorized, 401, "NotAuthorizedException" },
    };

    public static TheoryData<string, int, string> Faults => new()
    {
        { nameof(OptimizerFault.UnknownOptimizer), 401, OptimizerErrorTypes.UnknownOptimizer },
        { nameof(OptimizerFault.BadToken), 401, OptimizerErrorTypes.BadOptimizerToken },
        { nameof(OptimizerFault.StaleTask), 409, OptimizerErrorTypes.StaleTask },
        { nameof(OptimizerFault.NoSuchGroup), 404, OptimizerErrorTypes.NoSuchGroup },
    };

    // Only the protocol's own refusals carry its types; a plain failure of the same kind is typed as elsewhere.
    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_optimizer_group_answers_a_protocol_refusal_with_its_type(string fault, int status, string type)
    {
        OptimizerFault refusal = fault switch
        {
            nameof(OptimizerFault.UnknownOptimizer) => OptimizerFault.UnknownOptimizer(),
            nameof(OptimizerFault.BadToken) => OptimizerFault.BadToken("no token"),
            nameof(OptimizerFault.StaleTask) => OptimizerFault.StaleTask(1, 2, 3),
            _ => OptimizerFault.NoSuchGroup("g"),
        };
        var (actualStatus, body) = await FailAsync("optimizer", refusal);

        Assert.Equal(status, actualStatus);
        Assert.Equal((type, refusal.Message), (Text(body, "type"), Text(body, "message")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_endpoint_group_answers_a_failure_with_its_type_and_the_kinds_status(string group, FloeErrorKind kind, int status, string type)
    {
        var (actualStatus, body) = await FailAsync(group, new FloeException(kind, "what went wrong"));

        Assert.Equal(status, actualStatus);
        Assert.Equal((type, "what went wrong", status), (Text(body, "type"), Text(body, "message"), body.GetProperty("error").GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData("management")]
    [InlineData("optimizer")]
    [InlineData("rest")]
    [InlineData("none")]
    public async Task A_bug_is_500_with_its_message_marked_internal(string group)
    {
        var (status, body) = await FailAsync(group, new InvalidOperationException("a bug"));

        Assert.Equal(500, status);
        Assert.Equal(("InternalServerError", "Internal error: a bug"), (Text(body, "type"), Text(body, "message")));
    }

    [Fact]
    public void Every_kind_is_answered_with_the_status_the_clients_table_gives_it()
    {
        foreach (FloeErrorKind kind in Enum.GetValues<FloeErrorKind>())
        {
            Assert.Equal(HttpErrorTable.StatusOf(kind), IcebergErrors.Classify(new FloeException(kind, "x"), ErrorDialect.NotFoundType).Status);
        }
    }

    [Fact]
    public async Task A_failure_after_the_answer_started_aborts_the_connection()
    {
        var context = new DefaultHttpContext { RequestServices = new EmptyServices() };
        var lifetime = new AbortRecorder();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature>(lifetime);

        await ErrorResponses.InvokeAsync(context, _ => throw new FloeException(FloeErrorKind.InvalidArgument, "late"));

        Assert.True(lifetime.Aborted);
    }

    private static async Task<(int Status, JsonElement Body)> FailAsync(string group, Exception failure)
    {
        var context = new DefaultHttpContext { RequestServices = new EmptyServices() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        ErrorDialect? dialect = group switch
        {
            "management" => ErrorDialect.Management,
            "optimizer" => OptimizerProtocolErrors.Instance,
            "rest" => new RestErrors(RouteScope.Namespace, commitRoute: false),
            "rest-commit" => new RestErrors(RouteScope.Catalog, commitRoute: true),
            "rest-config" => RestErrors.Config,
            _ => null,
        };
        if (dialect is not null)
        {
            context.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(dialect), group));
        }

        await ErrorResponses.InvokeAsync(context, _ => throw failure);

        using JsonDocument document = JsonDocument.Parse(body.ToArray());
        return (context.Response.StatusCode, document.RootElement.Clone());
    }

    private static string? Text(JsonElement body, string name) => body.GetProperty("error").GetProperty(name).GetString();

    private sealed class EmptyServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class AbortRecorder : Microsoft.AspNetCore.Http.Features.IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }
}
