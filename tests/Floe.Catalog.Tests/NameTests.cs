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
    public void NamesThatCouldEscapeTheWarehouse_AreRejected(string name)
    {
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => Namespace.Of("db", name)).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => TableIdentifier.Of("db", name)).Kind);
    }

    [Fact]
    public void OverlongName_IsRejected()
    {
        var error = Assert.Throws<FloeException>(() => Namespace.Of(new string('x', 256)));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Identifiers_ParseAndCompareByValue()
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
    public void TableIdentifier_NeedsANamespace()
    {
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => TableIdentifier.Parse("orders")).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => new TableIdentifier(Namespace.Empty, "orders")).Kind);
    }
}
