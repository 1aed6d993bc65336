using System.Text;

namespace Floe.Sql.Syntax;

/// <summary>Splits SQL text into tokens, each with its position; the list ends with one <see cref="SqlTokenKind.End"/> token.</summary>
internal static class SqlTokenizer
{
    private static readonly string[] s_twoCharSymbols = ["<=", ">=", "!=", "<>", "=="];

    public static List<SqlToken> Tokenize(string text, string subject)
    {
        var tokens = new List<SqlToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                string value = ReadQuoted(text, ref i, '\'') ?? throw new SqlTextException(subject, text, start + 1, "unterminated string");
                tokens.Add(new SqlToken(SqlTokenKind.String, value, start, i - start));
            }
            else if (c is '"' or '`')
            {
                string value = ReadQuoted(text, ref i, c) ?? throw new SqlTextException(subject, text, start + 1, "unterminated quoted name");
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, value, start, i - start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                // Letters stay in the token so "12abc" is reported as a bad number rather than a number and a name.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'
                    || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, text[start..i], start, i - start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Identifier, text[start..i], start, i - start));
            }
            else if (i + 1 < text.Length && Array.IndexOf(s_twoCharSymbols, text.Substring(i, 2)) >= 0)
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, text.Substring(i, 2), start, 2));
                i += 2;
            }
            else if (c is '=' or '<' or '>' or '(' or ')' or '[' or ']' or ',' or ':' or ';' or '-' or '+' or '*' or '/' or '%')
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), start, 1));
                i++;
            }
            else
            {
                throw new SqlTextException(subject, text, start + 1, $"unexpected character '{Floe.Common.Errors.ErrorText.Excerpt(c.ToString())}'");
            }
        }

        tokens.Add(new SqlToken(SqlTokenKind.End, string.Empty, text.Length, 0));
        return tokens;
    }

    /// <summary>Reads a <paramref name="quote"/>-delimited run starting at <paramref name="i"/>; a doubled quote is one quote. Null when unterminated.</summary>
    private static string? ReadQuoted(string text, ref int i, char quote)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            if (text[i] != quote)
            {
                value.Append(text[i++]);
            }
            else if (i + 1 < text.Length && text[i + 1] == quote)
            {
                value.Append(quote);
                i += 2;
            }
            else
            {
                i++;
                return value.ToString();
            }
        }

        return null;
    }
}
