using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>
/// The generated serializers of the management API's records. Members are named explicitly on the records; missing
/// required members, a null where the record allows none, a repeated member, numbers out of range and values of the
/// wrong JSON type fail with a <see cref="JsonException"/>; unknown members are ignored so either side may add some.
/// </summary>
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(CatalogList))]
[JsonSerializable(typeof(CatalogView))]
[JsonSerializable(typeof(CreateCatalogRequest))]
[JsonSerializable(typeof(NamespaceList))]
[JsonSerializable(typeof(TableList))]
[JsonSerializable(typeof(TableDetail))]
[JsonSerializable(typeof(TokenList))]
[JsonSerializable(typeof(TokenView))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(OptimizingTableList))]
[JsonSerializable(typeof(TableOptimizing))]
[JsonSerializable(typeof(ProcessList))]
[JsonSerializable(typeof(ProcessView))]
[JsonSerializable(typeof(OptimizerList))]
[JsonSerializable(typeof(GroupList))]
[JsonSerializable(typeof(GroupView))]
[JsonSerializable(typeof(CreateGroupRequest))]
[JsonSerializable(typeof(ResizeGroupRequest))]
[JsonSerializable(typeof(MaintenanceRunView))]
[JsonSerializable(typeof(MaintenanceRunList))]
[JsonSerializable(typeof(RunMaintenanceRequest))]
public sealed partial class ManagementApiJson : JsonSerializerContext
{
    /// <summary>
    /// The context both sides use: non-ASCII text, <c>+</c> and quotes are written as themselves (as the server's other
    /// JSON is), not as <c>\uXXXX</c> escapes.
    /// </summary>
    public static ManagementApiJson Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
    });
}
