using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;

namespace Floe.Core.Sorting;

/// <summary>
/// Builds a sort order from the command-line form, e.g. <c>id desc nulls last, day(ts), bucket(16, key) asc</c>:
/// a term (column or transform) optionally followed by <c>asc</c>/<c>desc</c> and <c>nulls first</c>/<c>nulls last</c>.
/// </summary>
public static class SortOrderParser
{
    /// <summary>Parses and validates against <paramref name="schema"/>; an empty text is the unsorted order.</summary>
    public static SortOrder Parse(Schema schema, string text)
    {
        var builder = new SortOrderBuilder(schema);
        if (string.IsNullOrWhiteSpace(text))
        {
            return builder.Build();
        }

        foreach (string item in SplitItems(text))
        {
            var words = item.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var direction = SortDirection.Ascending;
            NullOrder? nullOrder = null;
            if (words.Count >= 2 && words[^2].Equals("nulls", StringComparison.OrdinalIgnoreCase))
            {
                nullOrder = words[^1].ToLowerInvariant() switch
                {
                    "first" => NullOrder.NullsFirst,
                    "last" => NullOrder.NullsLast,
                    _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid sort term '{item.Trim()}': expected nulls first or nulls last."),
                };
                words.RemoveRange(words.Count - 2, 2);
            }

            if (words.Count >= 2 && words[^1].ToLowerInvariant() is "asc" or "desc")
            {
                direction = words[^1].Equals("desc", StringComparison.OrdinalIgnoreCase) ? SortDirection.Descending : SortDirection.Ascending;
                words.RemoveAt(words.Count - 1);
            }

            if (words.Count == 0)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid sort term '{item.Trim()}': no column.");
            }

            var term = PartitionTerm.Parse(string.Join(' ', words));
            if (term.TargetName is not null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid sort term '{item.Trim()}': sort fields have no names.");
            }

            builder.Add(term.SourceName, term.Transform, direction, nullOrder);
        }

        return builder.Build();
    }

    private static IEnumerable<string> SplitItems(string text)
    {
        int depth = 0;
        int start = 0;
        char quote = '\0';
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
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
            else if (c == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
