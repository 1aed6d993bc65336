using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Sql.Tests;

internal static class TestSchemas
{
    public static Schema Table() => new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(3, "name", PrimitiveType.String),
        NestedField.Optional(4, "Breed Name", PrimitiveType.String),
        NestedField.Optional(5, "score", PrimitiveType.Double),
        NestedField.Optional(6, "loc", StructType.Of(NestedField.Optional(7, "city", PrimitiveType.String))),
        NestedField.Optional(8, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(9, "d", PrimitiveType.Date),
        NestedField.Optional(10, "n", PrimitiveType.Int),
        NestedField.Optional(11, "and", PrimitiveType.Int),
    ]);

    /// <summary>The error a parse throws, checked to be an invalid-argument SQL text error.</summary>
    public static SqlTextException SyntaxError(Action parse)
    {
        var error = Assert.Throws<SqlTextException>(parse);
        Assert.Equal(Common.Errors.FloeErrorKind.InvalidArgument, error.Kind);
        return error;
    }
}
