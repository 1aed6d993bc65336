using System.Text.Json;

namespace Floe.Avro.Schemas;

/// <summary>Looks up attributes in an ordered property list.</summary>
public static class AvroProperties
{
    /// <summary>The property named <paramref name="name"/>, if present.</summary>
    public static bool TryGet(IReadOnlyList<AvroProperty> properties, string name, out JsonElement value)
    {
        for (int i = 0; i < properties.Count; i++)
        {
            if (properties[i].Name == name)
            {
                value = properties[i].Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The integer value of the property <paramref name="name"/>, or null when absent or not an integer.</summary>
    public static long? GetInt64(IReadOnlyList<AvroProperty> properties, string name) =>
        TryGet(properties, name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number)
            ? number
            : null;

    /// <summary>The string value of the property <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? GetString(IReadOnlyList<AvroProperty> properties, string name) =>
        TryGet(properties, name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
