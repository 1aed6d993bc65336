using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Hosting;

/// <summary>
/// What a failure means on one group of endpoints: endpoint metadata that gives <see cref="ErrorResponses"/> the Iceberg
/// error <c>type</c> for a failure (the status follows its kind through <see cref="IcebergErrors"/>) and the log category.
/// The default serves the management API and anything outside an endpoint.
/// </summary>
internal class ErrorDialect(string logCategory)
{
    /// <summary>The type of a NotFound outside the REST catalog and the optimizer protocol.</summary>
    public const string NotFoundType = "NotFoundException";

    public static ErrorDialect Default { get; } = new("Floe.Server");

    public static ErrorDialect Management { get; } = new("Floe.Server.Management");

    public string LogCategory { get; } = logCategory;

    public virtual ValueTask<(int Status, string Type)> ClassifyAsync(HttpContext context, Exception exception) =>
        ValueTask.FromResult(IcebergErrors.Classify(exception, NotFoundType));
}
