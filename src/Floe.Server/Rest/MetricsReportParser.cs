using System.Text.Json;
using Floe.Common.Json;

namespace Floe.Server.Rest;

/// <summary>
/// Validates <c>ReportMetricsRequest</c>: a <c>scan-report</c> (filter, schema-id, projected field ids and names,
/// metrics) or a <c>commit-report</c> (sequence-number, operation, metrics), both with table-name and snapshot-id.
/// Each metric is a counter <c>{unit, value}</c> or a timer <c>{time-unit, count, total-duration}</c>.
/// </summary>
internal static class MetricsReportParser
{
    private const string What = "metrics report";

    public static (string ReportType, string TableName, long SnapshotId) Validate(JsonElement root)
    {
        string type = JsonFields.Of(What).String(root, "report-type");
        string tableName = JsonFields.Of(What).String(root, "table-name");
        long snapshotId = JsonFields.Of(What).Long(root, "snapshot-id");
        switch (type)
        {
            case "scan-report":
                JsonFields.Of(What).Required(root, "filter");
                RequireInt(root, "schema-id");
                RequireIntArray(root, "projected-field-ids");
                JsonFields.Of(What).Strings(JsonFields.Of(What).Array(root, "projected-field-names"), "projected-field-names");
                break;
            case "commit-report":
                JsonFields.Of(What).Long(root, "sequence-number");
                JsonFields.Of(What).String(root, "operation");
                break;
            default:
                throw IcebergRestException.BadRequest($"Invalid {What}: unknown report-type '{type}'; expected 'scan-report' or 'commit-report'.");
        }

        JsonFields.Of(What).StringMap(JsonMembers.Optional(root, "metadata"), "metadata");
        foreach (var metric in JsonFields.Of(What).Object(root, "metrics").EnumerateObject())
        {
            ValidateMetric(metric.Name, metric.Value);
        }

        return (type, tableName, snapshotId);
    }

    private static void ValidateMetric(string name, JsonElement value)
    {
        string field = $"metrics.{name}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.Of(What).Wrong(field, "a counter or timer object", value);
        }

        if (value.TryGetProperty("time-unit", out _))
        {
            JsonFields.Of($"{What} timer '{name}'").String(value, "time-unit");
            JsonFields.Of($"{What} timer '{name}'").Long(value, "count");
            JsonFields.Of($"{What} timer '{name}'").Long(value, "total-duration");
        }
        else
        {
            JsonFields.Of($"{What} counter '{name}'").String(value, "unit");
            JsonFields.Of($"{What} counter '{name}'").Long(value, "value");
        }
    }

    private static void RequireInt(JsonElement root, string name)
    {
        var value = JsonFields.Of(What).Required(root, name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _))
        {
            throw JsonFields.Of(What).Wrong(name, "an integer", value);
        }
    }

    private static void RequireIntArray(JsonElement root, string name)
    {
        foreach (var item in JsonFields.Of(What).Array(root, name).EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out _))
            {
                throw JsonFields.Of(What).Wrong(name, "an array of integers", item);
            }
        }
    }
}
