using System.Globalization;
using System.Text;
using Floe.Common.Errors;
using Floe.Core.Transforms;

namespace Floe.Core.Partitioning;

/// <summary>
/// One term of the command-line partition (or sort) syntax: <c>id</c>, <c>day(ts)</c>, <c>bucket(16, id)</c>,
/// <c>truncate(10, name)</c> (the width may come first or second), optionally followed by <c>as name</c>.
/// Column names with spaces or commas may be quoted with backticks or double quotes.
/// </summary>
public sealed record PartitionTerm(string SourceName, Transform Transform, string? TargetName)
{
    /// <summary>Parses a comma-separated list of terms such as <c>bucket(16, id), day(ts)</c>.</summary>
    /// <exception cref="FloeException">A term is malformed (kind InvalidArgument).</exception>
    public static IReadOnlyList<PartitionTerm> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<PartitionTerm>();
        foreach (string part in SplitTopLevel(text, ','))
        {
            if (part.Trim().Length == 0)
            {
                throw Invalid(text, "empty term");
            }

            terms.Add(Parse(part));
        }

        return terms;
    }

    public static PartitionTerm Parse(string text)
    {
        string term = text.Trim();
        string? target = null;
        var words = SplitTopLevel(term, ' ').Where(w => w.Length > 0).ToList();
        if (words.Count >= 3 && words[^2].Equals("as", StringComparison.OrdinalIgnoreCase))
        {
            target = Unquote(words[^1]);
            term = string.Join(' ', words.Take(words.Count - 2));
        }

        int open = IndexOutsideQuotes(term, '(');
        if (open < 0)
        {
            return new PartitionTerm(Unquote(term), Transform.Identity, target);
        }

        if (!term.EndsWith(')'))
        {
            throw Invalid(text, "missing ')'");
        }

        string function = term[..open].Trim().ToLowerInvariant();
        var args = SplitTopLevel(term[(open + 1)..^1], ',').Select(a => a.Trim()).ToList();
        switch (function)
        {
            case "bucket" or "truncate":
                if (args.Count != 2)
                {
                    throw Invalid(text, $"{function} takes a number and a column");
                }

                bool firstIsNumber = int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int first);
                bool secondIsNumber = int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int second);
                if (firstIsNumber == secondIsNumber)
                {
                    throw Invalid(text, $"{function} takes one number and one column");
                }

                int parameter = firstIsNumber ? first : second;
                string column = Unquote(firstIsNumber ? args[1] : args[0]);
                return new PartitionTerm(column, function == "bucket" ? Transform.Bucket(parameter) : Transform.Truncate(parameter), target);
            default:
                if (args.Count != 1 || args[0].Length == 0)
                {
                    throw Invalid(text, $"{function} takes one column");
                }

                var transform = Transform.Parse(function);
                if (transform is UnknownTransform or BucketTransform or TruncateTransform)
                {
                    throw Invalid(text, $"unknown transform '{function}'");
                }

                return new PartitionTerm(Unquote(args[0]), transform, target);
        }
    }

    private static FloeException Invalid(string text, string reason) =>
        new(FloeErrorKind.InvalidArgument, $"Invalid partition term '{text.Trim()}': {reason}.");

    private static string Unquote(string name)
    {
        name = name.Trim();
        if (name.Length >= 2 && (name[0] == '`' || name[0] == '"') && name[^1] == name[0])
        {
            return name[1..^1];
        }

        if (name.Length == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Invalid partition term: empty column name.");
        }

        return name;
    }

    private static int IndexOutsideQuotes(string text, char c)
    {
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            if (quote != '\0')
            {
                if (text[i] == quote)
                {
                    quote = '\0';
                }
            }
            else if (text[i] is '`' or '"')
            {
                quote = text[i];
            }
            else if (text[i] == c)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits on a separator that is outside parentheses and quotes.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        int depth = 0;
        char quote = '\0';
        foreach (char c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '`' or '"')
            {
                quote = c;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        if (quote != '\0' || depth != 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid partition terms '{text}': unbalanced quotes or parentheses.");
        }

        parts.Add(current.ToString());
        return parts;
    }
}
