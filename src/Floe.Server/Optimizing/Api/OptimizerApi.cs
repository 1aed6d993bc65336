using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Server.Management;
using Floe.Server.Rest;
using Floe.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Optimizing.Api;

/// <summary>
/// The optimizer protocol under <c>/api/optimizer/v1</c> (docs/optimizer-protocol.md): register, heartbeat, poll,
/// ack, complete and unregister. Every call needs an admin principal; after register, calls name the optimizer by
/// the <c>Floe-Optimizer-Token</c> header.
/// </summary>
public static class OptimizerApi
{
    public const string BasePath = "/api/optimizer/v1";
    public const string TokenHeader = "Floe-Optimizer-Token";

    public static IEndpointRouteBuilder MapOptimizerApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(BasePath + "/register", OptimizerProtocolErrors.Create(RegisterAsync));
        endpoints.MapPost(BasePath + "/heartbeat", OptimizerProtocolErrors.Create(HeartbeatAsync));
        endpoints.MapPost(BasePath + "/poll", OptimizerProtocolErrors.Create(PollAsync));
        endpoints.MapPost(BasePath + "/ack", OptimizerProtocolErrors.Create(AckAsync));
        endpoints.MapPost(BasePath + "/complete", OptimizerProtocolErrors.Create(CompleteAsync));
        endpoints.MapPost(BasePath + "/unregister", OptimizerProtocolErrors.Create(UnregisterAsync));
        return endpoints;
    }

    private static async Task RegisterAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        JsonElement root = body.Root;
        string group = ManagementJson.OptionalString(root, "group") ?? OptimizingService.DefaultGroup;
        int threads = RequiredInt(root, "threads");
        long memory = OptionalLong(root, "memory-mb") ?? 0;
        OptimizerInstance optimizer = await service.RegisterAsync(
            group, threads, ManagementJson.OptionalString(root, "resource-id"), memory, ManagementJson.OptionalMap(root, "properties"), context.RequestAborted)
            .ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("token", optimizer.Token);
            writer.WriteString("group", optimizer.Group);
            writer.WriteNumber("heartbeat-interval-ms", service.Options.HeartbeatIntervalMs);
            writer.WriteNumber("poll-timeout-ms", service.Options.PollTimeoutMs);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task HeartbeatAsync(HttpContext context)
    {
        await Service(context).TouchAsync(Token(context), context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task PollAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        string token = Token(context);
        int thread;
        using (RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false))
        {
            thread = RequiredInt(body.Root, "thread");
        }

        TaskDispatch? task = await service.PollAsync(token, thread, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            if (task is null)
            {
                writer.WriteNull("task");
            }
            else
            {
                writer.WriteStartObject("task");
                writer.WriteNumber("process-id", task.ProcessId);
                writer.WriteNumber("task-id", task.TaskId);
                writer.WriteNumber("attempt", task.Attempt);
                writer.WriteString("kind", task.Kind);
                writer.WritePropertyName("input");
                writer.WriteRawValue(task.Input);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task AckAsync(HttpContext context)
    {
        string token = Token(context);
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        (int thread, long process, int task, int attempt) = TaskIdentity(body.Root);
        await Service(context).AckAsync(token, thread, process, task, attempt, context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task CompleteAsync(HttpContext context)
    {
        string token = Token(context);
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        JsonElement root = body.Root;
        (int thread, long process, int task, int attempt) = TaskIdentity(root);
        string? output = null;
        if (root.TryGetProperty("output", out JsonElement outputElement) && outputElement.ValueKind != JsonValueKind.Null)
        {
            output = outputElement.ValueKind == JsonValueKind.Object
                ? outputElement.GetRawText()
                : throw new FloeException(FloeErrorKind.InvalidArgument, "Field 'output' must be a JSON object.");
        }

        string? error = ManagementJson.OptionalString(root, "error");
        await Service(context).CompleteAsync(token, thread, process, task, attempt, output, error, context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static async Task UnregisterAsync(HttpContext context)
    {
        await Service(context).UnregisterAsync(Token(context), context.RequestAborted).ConfigureAwait(false);
        await EmptyAsync(context).ConfigureAwait(false);
    }

    private static OptimizingService Service(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        return context.RequestServices.GetService<OptimizingService>()
            ?? throw new FloeException(FloeErrorKind.Unsupported, "This server runs no optimizing service.");
    }

    private static string Token(HttpContext context)
    {
        string? token = context.Request.Headers[TokenHeader];
        return string.IsNullOrWhiteSpace(token)
            ? throw new FloeException(FloeErrorKind.Unauthorized, $"The call carries no '{TokenHeader}' header; register first.")
            : token.Trim();
    }

    private static (int Thread, long Process, int Task, int Attempt) TaskIdentity(JsonElement body) =>
        (RequiredInt(body, "thread"), RequiredLong(body, "process-id"), RequiredInt(body, "task-id"), RequiredInt(body, "attempt"));

    private static int RequiredInt(JsonElement body, string name)
    {
        long value = RequiredLong(body, name);
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new FloeException(FloeErrorKind.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"Field '{name}' is out of range: {value}."));
    }

    private static long RequiredLong(JsonElement body, string name) =>
        OptionalLong(body, name) ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Field '{name}' is required.");

    private static long? OptionalLong(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : throw new FloeException(FloeErrorKind.InvalidArgument, string.Create(CultureInfo.InvariantCulture, $"Field '{name}' must be a whole number."));
    }

    private static Task EmptyAsync(HttpContext context) =>
        ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        });
}
