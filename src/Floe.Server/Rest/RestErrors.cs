using Floe.Common.Errors;
using Floe.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// The REST catalog's errors: a NotFound is a missing namespace, a missing table (on a table route whose namespace
/// exists) or a missing warehouse (on the config route); an unexplained failure of a commit route is
/// <c>CommitStateUnknownException</c>, so that Java clients do not retry blindly.
/// </summary>
internal sealed class RestErrors(RouteScope scope, bool commitRoute, string notFoundType = IcebergErrorTypes.NoSuchNamespace)
    : ErrorDialect("Floe.Server.Rest")
{
    /// <summary>The config route, which runs before any catalog is resolved.</summary>
    public static RestErrors Config { get; } = new(RouteScope.Catalog, commitRoute: false, IcebergErrorTypes.NoSuchWarehouse);

    public override async ValueTask<(int Status, string Type)> ClassifyAsync(HttpContext context, Exception exception)
    {
        string notFound = await NotFoundTypeAsync(context.Features.Get<RestCall>(), exception).ConfigureAwait(false);
        return IcebergErrors.Classify(exception, notFound, commitRoute);
    }

    private async Task<string> NotFoundTypeAsync(RestCall? call, Exception exception)
    {
        if (scope != RouteScope.Table || call is null || exception is not FloeException { Kind: FloeErrorKind.NotFound } || exception is IcebergRestException)
        {
            return notFoundType;
        }

        // A missing table and a missing namespace raise the same kind; the namespace decides which the client sees.
        try
        {
            var @namespace = call.Namespace();
            return await call.Catalog.NamespaceExistsAsync(@namespace, call.Aborted).ConfigureAwait(false)
                ? IcebergErrorTypes.NoSuchTable
                : IcebergErrorTypes.NoSuchNamespace;
        }
        catch (FloeException)
        {
            return IcebergErrorTypes.NoSuchTable;
        }
    }
}
