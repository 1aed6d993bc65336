using Floe.Common.Errors;

namespace Floe.Catalog.Tests;

public sealed class NameTests
{
    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("c:x")]
    [InlineData(".hidden")]
    [InlineData("tab\there")]
    public void Names_that_could_escape_the_warehouse_are_rejected(string name)
    {
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => Namespace.Of("db", name)).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => TableIdentifier.Of("db", name)).Kind);
    }

    [Theory]
    [InlineData(" ", "only of dots and spaces")]
    [InlineData(". .", "only of dots and spaces")]
    [InlineData("%2e%2e", "percent-decoded '..'")]
    [InlineData("a%2Fb", "U+002F")]
    [InlineData("a%5cb", "U+005C")]
    [InlineData("ab\u0085", "U+0085")]
    [InlineData("evil\u202Etxt.exe", "U+202E")]
    [InlineData("a\u2066b", "U+2066")]
    [InlineData("a\u061Cb", "U+061C")]
    [InlineData("a\u200Bb", "U+200B")]
    [InlineData("a\u200Db", "U+200D")]
    [InlineData("\uFEFFdb", "U+FEFF")]
    [InlineData("a\u00ADb", "U+00AD")]
    [InlineData("a\u2028b", "U+2028")]
    [InlineData("a\\uD800b", "U+D800")]
    public void Hidden_and_encoded_names_are_rejected_naming_the_character(string escaped, string named)
    {
        string name = System.Text.RegularExpressions.Regex.Unescape(escaped);

        var level = Assert.Throws<FloeException>(() => Namespace.Of("db", name));
        var table = Assert.Throws<FloeException>(() => TableIdentifier.Of("db", name));

        Assert.Equal((FloeErrorKind.InvalidArgument, FloeErrorKind.InvalidArgument), (level.Kind, table.Kind));
        Assert.Contains(named, level.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid namespace level", level.Message, StringComparison.Ordinal);
        Assert.StartsWith("Invalid table name", table.Message, StringComparison.Ordinal);
        Assert.True(level.Message.All(c => c >= ' ' && c < 0x7f), level.Message);
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("a%41b")]
    [InlineData("caf\u00e9")]
    [InlineData("\u65e5\u672c")]
    [InlineData("smile\U0001F600")]
    [InlineData("a b")]
    [InlineData("v1.2")]
    public void Ordinary_names_are_accepted(string name)
    {
        Assert.Equal(name, TableIdentifier.Of("db", name).Name);
        Assert.Equal(name, Namespace.Of(name).Levels[0]);
    }

    [Fact]
    public void Overlong_name_is_rejected()
    {
        var error = Assert.Throws<FloeException>(() => Namespace.Of(new string('x', 256)));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Identifiers_parse_and_compare_by_value()
    {
        var id = TableIdentifier.Parse("org.sales.orders");

        Assert.Equal(["org", "sales"], id.Namespace.Levels);
        Assert.Equal("orders", id.Name);
        Assert.Equal(TableIdentifier.Of("org", "sales", "orders"), id);
        Assert.Equal(TableIdentifier.Of("org", "sales", "orders").GetHashCode(), id.GetHashCode());
        Assert.NotEqual(TableIdentifier.Of("org", "orders"), id);
        Assert.Equal("org.sales.orders", id.ToString());
        Assert.Equal(Namespace.Of("org"), id.Namespace.Parent);
        Assert.True(Namespace.Of("org").Parent!.IsEmpty);
    }

    [Fact]
    public void Table_identifier_needs_a_namespace()
    {
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => TableIdentifier.Parse("orders")).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => new TableIdentifier(Namespace.Empty, "orders")).Kind);
    }

    [Fact]
    public void Identifiers_and_namespaces_compare_by_value_with_the_equality_operators()
    {
        TableIdentifier a = TableIdentifier.Parse("db.sales.orders"), b = TableIdentifier.Of("db", "sales", "orders");
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.True(a != TableIdentifier.Parse("db.sales.order"));
        Assert.False(a == null);
        Assert.True((TableIdentifier?)null == null);
        Assert.True(Namespace.Parse("db.sales") == Namespace.Of("db", "sales"));
        Assert.True(Namespace.Parse("db.sales") != Namespace.Of("db"));
    }
}
