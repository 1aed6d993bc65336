using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Hosting;
using Floe.Server.Management;
using Floe.Server.Optimizing.Registry;
using Floe.Server.Rest;
using Floe.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Optimizing.Api;

/// <summary>
/// The optimizer protocol under <c>/api/optimizer/v1</c> (docs/optimizer-protocol.md): register, heartbeat, poll,
/// ack, complete and unregister, with the records of <c>Floe.Contracts.Optimizer</c>. Every call needs an admin
/// principal; after register, calls name the optimizer by the <c>Floe-Optimizer-Token</c> header.
/// </summary>
public static class OptimizerApi
{
    public const string BasePath = OptimizerProtocol.BasePath;
    public const string TokenHeader = OptimizerProtocol.TokenHeader;

    private static readonly OptimizerProtocolJson Json = OptimizerProtocolJson.Wire;

    public static IEndpointRouteBuilder MapOptimizerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        RouteGroupBuilder api = endpoints.MapGroup(BasePath).WithErrorDialect(OptimizerProtocolErrors.Instance);
        api.MapPost("/register", RegisterAsync);
        api.MapPost("/heartbeat", HeartbeatAsync);
        api.MapPost("/poll", PollAsync);
        api.MapPost("/ack", AckAsync);
        api.MapPost("/complete", CompleteAsync);
        api.MapPost("/unregister", UnregisterAsync);
        return endpoints;
    }

    private static async Task RegisterAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        RegisterRequest request = await ReadAsync(context, Json.RegisterRequest).ConfigureAwait(false);
        OptimizerInstance optimizer = await service.RegisterAsync(
            request.Group ?? OptimizingService.DefaultGroup,
            request.Threads,
            request.ResourceId,
            request.MemoryMb,
            request.Properties ?? new Dictionary<string, string>(),
            context.RequestAborted).ConfigureAwait(false);
        var answer = new RegisterResponse
        {
            Token = optimizer.Token,
            Group = optimizer.Group,
            HeartbeatIntervalMs = service.Options.HeartbeatIntervalMs,
            PollTimeoutMs = service.Options.PollTimeoutMs,
        };
        await WriteAsync(context, answer, Json.RegisterResponse).ConfigureAwait(false);
    }

    private static async Task HeartbeatAsync(HttpContext context)
    {
        // The body is {} and carries nothing: it is not read, so an empty one is accepted as before.
        await Service(context).TouchAsync(Token(context), context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task PollAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        string token = Token(context);
        PollRequest request = await ReadAsync(context, Json.PollRequest).ConfigureAwait(false);
        TaskDispatch? task = await service.PollAsync(token, request.Thread, context.RequestAborted).ConfigureAwait(false);
        if (task is null)
        {
            await WriteAsync(context, new PollResponse(), Json.PollResponse).ConfigureAwait(false);
            return;
        }

        using JsonDocument input = JsonDocument.Parse(task.Input);
        var answer = new PollResponse
        {
            Task = new PolledTask { ProcessId = task.ProcessId, TaskId = task.TaskId, Attempt = task.Attempt, Kind = task.Kind, Input = input.RootElement },
        };
        await WriteAsync(context, answer, Json.PollResponse).ConfigureAwait(false);
    }

    private static async Task AckAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        string token = Token(context);
        AckRequest request = await ReadAsync(context, Json.AckRequest).ConfigureAwait(false);
        await service.AckAsync(token, request.Thread, request.ProcessId, request.TaskId, request.Attempt, context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task CompleteAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        string token = Token(context);
        CompleteRequest request = await ReadAsync(context, Json.CompleteRequest).ConfigureAwait(false);
        string? output = request.Output switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } given => given.GetRawText(),
            _ => throw new FloeException(FloeErrorKind.InvalidArgument, "Field 'output' must be a JSON object."),
        };
        await service.CompleteAsync(token, request.Thread, request.ProcessId, request.TaskId, request.Attempt, output, request.Error, context.RequestAborted)
            .ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task UnregisterAsync(HttpContext context)
    {
        // The body is {} and carries nothing: it is not read, so an empty one is accepted as before.
        await Service(context).UnregisterAsync(Token(context), context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static OptimizingService Service(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        return context.RequestServices.GetService<OptimizingService>()
            ?? throw new FloeException(FloeErrorKind.Unsupported, "This server runs no optimizing service.");
    }

    /// <summary>The optimizer token the call carries, refused before the body is read when missing or malformed.</summary>
    private static string Token(HttpContext context)
    {
        string token = context.Request.Headers[TokenHeader].ToString().Trim();
        OptimizerTokens.Check(token);
        return token;
    }

    /// <summary>
    /// The body as the call's record: read by the server's body rules (size, UTF-8, each key once), then bound by the
    /// generated serializer; a missing member, a null where none is allowed or a value of the wrong type is a 400.
    /// </summary>
    private static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
    {
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        try
        {
            return body.Root.Deserialize(type)
                ?? throw new FloeException(FloeErrorKind.InvalidArgument, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid {context.Request.Path.Value} request: {e.Message}", e);
        }
    }

    private static Task WriteAsync<T>(HttpContext context, T answer, JsonTypeInfo<T> type) =>
        RestResponse.WriteJsonAsync(context, StatusCodes.Status200OK, writer => JsonSerializer.Serialize(writer, answer, type));

    private static Task EmptyAsync(HttpContext context) => WriteAsync(context, EmptyMessage.Instance, Json.EmptyMessage);
}
