using Floe.Sql.Syntax;

namespace Floe.Sql.Tests;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Tokens_carry_kind_text_and_position()
    {
        List<SqlToken> tokens = SqlTokenizer.Tokenize("a.b >= 'it''s' AND \"odd \"\"x\"\"\" <> `q` + 1.5e-3 ,(:)[;]", "test");

        Assert.Equal(
            [
                (SqlTokenKind.Identifier, "a.b", 0, 3), (SqlTokenKind.Symbol, ">=", 4, 2), (SqlTokenKind.String, "it's", 7, 7),
                (SqlTokenKind.Identifier, "AND", 15, 3), (SqlTokenKind.QuotedIdentifier, "odd \"x\"", 19, 11), (SqlTokenKind.Symbol, "<>", 31, 2),
                (SqlTokenKind.QuotedIdentifier, "q", 34, 3), (SqlTokenKind.Symbol, "+", 38, 1), (SqlTokenKind.Number, "1.5e-3", 40, 6),
                (SqlTokenKind.Symbol, ",", 47, 1), (SqlTokenKind.Symbol, "(", 48, 1), (SqlTokenKind.Symbol, ":", 49, 1), (SqlTokenKind.Symbol, ")", 50, 1),
                (SqlTokenKind.Symbol, "[", 51, 1), (SqlTokenKind.Symbol, ";", 52, 1), (SqlTokenKind.Symbol, "]", 53, 1), (SqlTokenKind.End, "", 54, 0),
            ],
            tokens.Select(t => (t.Kind, t.Text, t.Position, t.Length)));
    }

    [Fact]
    public void Keywords_match_unquoted_identifiers_in_any_case_only()
    {
        List<SqlToken> tokens = SqlTokenizer.Tokenize("And \"and\" 'and'", "test");

        Assert.True(tokens[0].Is("and"));
        Assert.False(tokens[1].Is("and"));
        Assert.False(tokens[2].Is("and"));
        Assert.True(tokens[1].IsName);
    }

    [Fact]
    public void Every_operator_is_one_token()
    {
        string[] operators = ["=", "==", "!=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"];
        List<SqlToken> tokens = SqlTokenizer.Tokenize(string.Join(" ", operators), "test");
        Assert.Equal(operators, tokens.SkipLast(1).Select(t => t.Text));
        Assert.All(tokens.SkipLast(1), t => Assert.Equal(SqlTokenKind.Symbol, t.Kind));
    }

    [Theory]
    [InlineData("a = 'abc", 5, "unterminated string")]
    [InlineData("x and \"col", 7, "unterminated quoted name")]
    [InlineData("`col", 1, "unterminated quoted name")]
    [InlineData("id ~ 1", 4, "unexpected character '~'")]
    [InlineData("id = 1 \u0001", 8, "unexpected character '\\x01'")]
    public void Bad_characters_are_reported_at_their_column(string text, int column, string detail)
    {
        SqlTextException error = TestSchemas.SyntaxError(() => SqlTokenizer.Tokenize(text, "test"));
        Assert.Equal(column, error.Column);
        Assert.Equal(detail, error.Detail);
        Assert.StartsWith($"Invalid test at position {column}: {detail} in \"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_messages_quote_an_excerpt_of_long_text()
    {
        string text = "id = 1 and " + new string('x', 200) + " ~";
        SqlTextException error = TestSchemas.SyntaxError(() => SqlTokenizer.Tokenize(text, "test"));
        Assert.Equal(text.Length, error.Column);
        Assert.Contains("...\".", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 150, error.Message);
    }
}
