using Floe.Common.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Floe.Server.Configuration;

/// <summary>
/// Reads <c>floe.yaml</c> into flat <c>section.key</c> values, each remembering its line, and refuses keys Floe does
/// not know so that a typo fails loudly instead of being ignored.
/// </summary>
internal static class YamlConfigReader
{
    public sealed record Result(
        Dictionary<string, ConfigValue> Values,
        List<Dictionary<string, ConfigValue>> Catalogs,
        string? CatalogsSource);

    public static Result Read(TextReader reader, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw Error(fileName, ex.Start, $"not valid YAML: {Reason(ex)}");
        }

        var result = new Result(new Dictionary<string, ConfigValue>(StringComparer.Ordinal), [], null);
        if (stream.Documents.Count == 0)
        {
            return result;
        }

        if (stream.Documents.Count > 1)
        {
            throw Error(fileName, stream.Documents[1].RootNode.Start, "more than one YAML document; Floe reads one.");
        }

        YamlNode root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" })
        {
            return result;
        }

        if (root is not YamlMappingNode mapping)
        {
            throw Error(fileName, root.Start, "the file must be a mapping of sections (server, auth, metastore, optimizing, catalogs).");
        }

        string? catalogsSource = null;
        foreach ((YamlNode keyNode, YamlNode valueNode) in mapping.Children)
        {
            string section = KeyName(keyNode, fileName);
            switch (section)
            {
                case var _ when ConfigKeys.Sections.Contains(section):
                    ReadSection(section, valueNode, fileName, result.Values);
                    break;
                case ConfigKeys.Auth:
                    Put(result.Values, ConfigKeys.Auth, ScalarValue(ConfigKeys.Auth, valueNode, fileName), fileName, keyNode);
                    break;
                case ConfigKeys.Catalogs:
                    catalogsSource = Where(fileName, keyNode.Start);
                    ReadCatalogs(valueNode, fileName, result.Catalogs);
                    break;
                default:
                    throw Error(fileName, keyNode.Start, $"unknown section '{section}'; known sections: {string.Join(", ", [.. ConfigKeys.Sections, ConfigKeys.Auth, ConfigKeys.Catalogs])}.");
            }
        }

        return result with { CatalogsSource = catalogsSource };
    }

    private static void ReadSection(string section, YamlNode node, string fileName, Dictionary<string, ConfigValue> values)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(fileName, node.Start, $"section '{section}' must be a mapping of keys.");
        }

        foreach ((YamlNode keyNode, YamlNode valueNode) in mapping.Children)
        {
            string key = $"{section}.{KeyName(keyNode, fileName)}";
            if (valueNode is YamlMappingNode && ConfigKeys.Scalars.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal)))
            {
                // A nested group such as maintenance's "expire-snapshots: { enabled, interval }".
                ReadSection(key, valueNode, fileName, values);
                continue;
            }

            if (!ConfigKeys.Scalars.Contains(key))
            {
                string known = string.Join(", ", ConfigKeys.Scalars.Where(k => k.StartsWith(section + ".", StringComparison.Ordinal)));
                throw Error(fileName, keyNode.Start, $"unknown key '{key}'; known keys: {known}.");
            }

            Put(values, key, ScalarValue(key, valueNode, fileName), fileName, keyNode);
        }
    }

    private static void ReadCatalogs(YamlNode node, string fileName, List<Dictionary<string, ConfigValue>> catalogs)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(fileName, node.Start, "key 'catalogs' must be a list of { name, type, warehouse } entries.");
        }

        foreach (YamlNode item in sequence.Children)
        {
            if (item is not YamlMappingNode entry)
            {
                throw Error(fileName, item.Start, "a 'catalogs' entry must be a mapping { name, type, warehouse }.");
            }

            var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal)
            {
                // The entry's own position, for errors about the entry as a whole.
                [string.Empty] = new ConfigValue(string.Empty, Where(fileName, item.Start)),
            };
            foreach ((YamlNode keyNode, YamlNode valueNode) in entry.Children)
            {
                string key = KeyName(keyNode, fileName);
                if (!ConfigKeys.CatalogEntryKeys.Contains(key))
                {
                    throw Error(fileName, keyNode.Start, $"unknown key 'catalogs.{key}'; known keys: name, type, warehouse.");
                }

                Put(values, key, ScalarValue($"catalogs.{key}", valueNode, fileName), fileName, keyNode);
            }

            catalogs.Add(values);
        }
    }

    private static void Put(Dictionary<string, ConfigValue> values, string key, ConfigValue value, string fileName, YamlNode keyNode)
    {
        if (!values.TryAdd(key, value))
        {
            throw Error(fileName, keyNode.Start, $"key '{key}' is set twice.");
        }
    }

    private static string KeyName(YamlNode node, string fileName) =>
        node is YamlScalarNode { Value: { Length: > 0 } name }
            ? name
            : throw Error(fileName, node.Start, "a key that is not a plain name.");

    private static ConfigValue ScalarValue(string key, YamlNode node, string fileName)
    {
        if (node is not YamlScalarNode scalar)
        {
            throw Error(fileName, node.Start, $"key '{key}' must be a single value, not a {(node is YamlSequenceNode ? "list" : "mapping")}.");
        }

        if (string.IsNullOrEmpty(scalar.Value))
        {
            throw Error(fileName, node.Start, $"key '{key}' has no value.");
        }

        return new ConfigValue(scalar.Value, $"key '{key}' ({Where(fileName, node.Start)})");
    }

    private static string Where(string fileName, Mark mark) => $"{fileName} line {mark.Line}";

    private static FloeException Error(string fileName, Mark mark, string message) =>
        new(FloeErrorKind.InvalidArgument, $"{Where(fileName, mark)}: {message}");

    private static string Reason(YamlException ex)
    {
        // YamlDotNet prefixes its messages with the position, which the caller already names.
        string message = ex.Message;
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }
}
