using System.Text.Json;

namespace Floe.Core.Tests.Metadata;

/// <summary>Compares JSON documents by meaning: object key order is ignored, numbers compare by their text.</summary>
internal static class JsonAssert
{
    /// <summary>
    /// Every value in <paramref name="expected"/> must appear in <paramref name="actual"/>; keys only in actual are allowed
    /// when they hold an empty list or object (a writer that always emits the lists).
    /// </summary>
    public static void Covers(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Compare(e.RootElement, a.RootElement, "$");
    }

    private static void Compare(JsonElement expected, JsonElement actual, string path)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: expected {expected.ValueKind}, found {actual.ValueKind}");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    Assert.True(actual.TryGetProperty(property.Name, out var value), $"{path}.{property.Name} is missing");
                    Compare(property.Value, value, $"{path}.{property.Name}");
                }

                foreach (var property in actual.EnumerateObject())
                {
                    if (!expected.TryGetProperty(property.Name, out _))
                    {
                        bool empty = property.Value.ValueKind switch
                        {
                            JsonValueKind.Array => property.Value.GetArrayLength() == 0,
                            JsonValueKind.Object => !property.Value.EnumerateObject().Any(),
                            _ => false,
                        };
                        Assert.True(empty, $"{path}.{property.Name} was added with a value");
                    }
                }

                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: array lengths differ");
                for (int i = 0; i < expected.GetArrayLength(); i++)
                {
                    Compare(expected[i], actual[i], $"{path}[{i}]");
                }

                break;
            default:
                Assert.True(expected.GetRawText() == actual.GetRawText(), $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}");
                break;
        }
    }
}
