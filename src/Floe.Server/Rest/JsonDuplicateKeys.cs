using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Floe.Server.Rest;

/// <summary>
/// Finds a key that appears twice in one object of a parsed body. JSON parsers differ on which of the two wins, so a
/// request that says two things is refused rather than read as either.
/// </summary>
internal static class JsonDuplicateKeys
{
    /// <summary>The first repeated key and the path of the object holding it (<c>$.updates[0]</c>); null when there is none.</summary>
    public static (string Key, string Path)? Find(JsonElement root)
    {
        var path = new List<(string? Member, int Index)>();
        return Walk(root, path);
    }

    private static (string Key, string Path)? Walk(JsonElement element, List<(string? Member, int Index)> path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            HashSet<string>? seen = null;
            foreach (JsonProperty property in element.EnumerateObject())
            {
                seen ??= new HashSet<string>(StringComparer.Ordinal);
                if (!seen.Add(property.Name))
                {
                    return (property.Name, Format(path));
                }

                path.Add((property.Name, 0));
                var found = Walk(property.Value, path);
                path.RemoveAt(path.Count - 1);
                if (found is not null)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement item in element.EnumerateArray())
            {
                path.Add((null, index++));
                var found = Walk(item, path);
                path.RemoveAt(path.Count - 1);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static string Format(List<(string? Member, int Index)> path)
    {
        var text = new StringBuilder("$");
        foreach ((string? member, int index) in path)
        {
            if (member is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else if (member.Length > 0 && member.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                text.Append('.').Append(member);
            }
            else
            {
                text.Append("[").Append(JsonSerializer.Serialize(member)).Append(']');
            }
        }

        return text.ToString();
    }
}
