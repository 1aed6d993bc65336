using Floe.Common.Errors;

namespace Floe.Cli.Commands.Table;

/// <summary>Parses <c>key=value</c> arguments.</summary>
internal static class PropertyPairs
{
    public static Dictionary<string, string> Parse(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid property '{pair}': expected key=value.");
            }

            result[pair[..eq].Trim()] = pair[(eq + 1)..];
        }

        return result;
    }
}
