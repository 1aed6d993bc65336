using System.Text.Json;

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
        string type = JsonFields.RequiredString(root, "report-type", What);
        string tableName = JsonFields.RequiredString(root, "table-name", What);
        long snapshotId = JsonFields.RequiredLong(root, "snapshot-id", What);
        switch (type)
        {
            case "scan-report":
                JsonFields.Required(root, "filter", What);
                RequireInt(root, "schema-id");
                RequireIntArray(root, "projected-field-ids");
                JsonFields.StringArray(JsonFields.RequiredArray(root, "projected-field-names", What), "projected-field-names", What);
                break;
            case "commit-report":
                JsonFields.RequiredLong(root, "sequence-number", What);
                JsonFields.RequiredString(root, "operation", What);
                break;
            default:
                throw IcebergRestException.BadRequest($"Invalid {What}: unknown report-type '{type}'; expected 'scan-report' or 'commit-report'.");
        }

        JsonFields.StringMap(JsonFields.Optional(root, "metadata"), "metadata", What);
        foreach (var metric in JsonFields.RequiredObject(root, "metrics", What).EnumerateObject())
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
            throw JsonFields.WrongType(field, What, "a counter or timer object", value);
        }

        if (value.TryGetProperty("time-unit", out _))
        {
            JsonFields.RequiredString(value, "time-unit", $"{What} timer '{name}'");
            JsonFields.RequiredLong(value, "count", $"{What} timer '{name}'");
            JsonFields.RequiredLong(value, "total-duration", $"{What} timer '{name}'");
        }
        else
        {
            JsonFields.RequiredString(value, "unit", $"{What} counter '{name}'");
            JsonFields.RequiredLong(value, "value", $"{What} counter '{name}'");
        }
    }

    private static void RequireInt(JsonElement root, string name)
    {
        var value = JsonFields.Required(root, name, What);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out _))
        {
            throw JsonFields.WrongType(name, What, "an integer", value);
        }
    }

    private static void RequireIntArray(JsonElement root, string name)
    {
        foreach (var item in JsonFields.RequiredArray(root, name, What).EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out _))
            {
                throw JsonFields.WrongType(name, What, "an array of integers", item);
            }
        }
    }
}
