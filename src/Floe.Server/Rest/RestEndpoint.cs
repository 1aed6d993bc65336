using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Rest;

/// <summary>
/// Turns a handler into a request delegate: resolves the catalog and runs the handler. Failures are answered by
/// <see cref="Hosting.ErrorResponses"/> with the route's <see cref="RestErrors"/>, which finds the resolved call here.
/// </summary>
internal static class RestEndpoint
{
    private static readonly IcebergRestOptions DefaultOptions = new();

    public static RequestDelegate Create(Func<RestCall, Task> handler) =>
        async context =>
        {
            RestCall call = await RestCall.ResolveAsync(context, OptionsOf(context)).ConfigureAwait(false);
            context.Features.Set(call);
            await handler(call).ConfigureAwait(false);
        };

    /// <summary>A handler that runs without a resolved catalog (the config route).</summary>
    public static RequestDelegate CreateUnresolved(Func<HttpContext, IcebergRestOptions, Task> handler) =>
        context => handler(context, OptionsOf(context));

    public static IcebergRestOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetService<IcebergRestOptions>() ?? DefaultOptions;
}
