using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class ManifestSummaryFilterTests
{
    private static readonly Schema s_schema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "category", PrimitiveType.String),
    ]);

    private static readonly PartitionSpec s_spec = new PartitionSpecBuilder(s_schema).Identity("category").Truncate("id", 10, "id_trunc").Build();

    [Theory]
    [InlineData("category = c", true)]
    [InlineData("category = a", false)]
    [InlineData("category = z", false)]
    [InlineData("category < c", true)]
    [InlineData("category < b", false)]
    [InlineData("category is null", true)]
    [InlineData("category startsWith d", true)]
    [InlineData("category startsWith x", false)]
    [InlineData("id >= 100", false)]
    [InlineData("id > 5", true)]
    [InlineData("id < 10", false)]
    [InlineData("id = 15", true)]
    [InlineData("id in 1 2", false)]
    public void Manifests_are_kept_unless_their_partition_summaries_rule_out_every_file(string filter, bool expected)
    {
        // category in ["b", "f"] plus nulls; id truncated to [10, 90].
        ManifestFile manifest = Manifest(
            new PartitionFieldSummary { ContainsNull = true, ContainsNan = false, LowerBound = Bytes(Literal.Of("b")), UpperBound = Bytes(Literal.Of("f")) },
            new PartitionFieldSummary { ContainsNull = false, ContainsNan = false, LowerBound = Bytes(Literal.Of(10L)), UpperBound = Bytes(Literal.Of(90L)) });

        Assert.Equal(expected, new ManifestSummaryFilter(s_spec, s_schema, Parse(filter)).MightMatch(manifest));
    }

    [Fact]
    public void A_manifest_of_only_null_partitions_matches_only_null_checks()
    {
        ManifestFile manifest = Manifest(
            new PartitionFieldSummary { ContainsNull = true, ContainsNan = false },
            new PartitionFieldSummary { ContainsNull = false, ContainsNan = false, LowerBound = Bytes(Literal.Of(0L)), UpperBound = Bytes(Literal.Of(0L)) });

        Assert.False(new ManifestSummaryFilter(s_spec, s_schema, Expr.NotNull("category")).MightMatch(manifest));
        Assert.False(new ManifestSummaryFilter(s_spec, s_schema, Expr.Equal("category", Literal.Of("a"))).MightMatch(manifest));
        Assert.True(new ManifestSummaryFilter(s_spec, s_schema, Expr.IsNull("category")).MightMatch(manifest));
    }

    [Fact]
    public void Manifests_without_summaries_are_kept()
    {
        var manifest = new ManifestFile { Path = "m", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 1 };

        Assert.True(new ManifestSummaryFilter(s_spec, s_schema, Expr.Equal("category", Literal.Of("a"))).MightMatch(manifest));
    }

    private static Expression Parse(string text)
    {
        string[] parts = text.Split(' ');
        string column = parts[0];
        Literal Value(string s) => column == "id" ? Literal.Of(long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)) : Literal.Of(s);
        return parts[1] switch
        {
            "<" => Expr.LessThan(column, Value(parts[2])),
            ">" => Expr.GreaterThan(column, Value(parts[2])),
            ">=" => Expr.GreaterThanOrEqual(column, Value(parts[2])),
            "=" => Expr.Equal(column, Value(parts[2])),
            "in" => Expr.In(column, parts[2..].Select(Value)),
            "startsWith" => Expr.StartsWith(column, parts[2]),
            "is" => Expr.IsNull(column),
            _ => throw new ArgumentException(text),
        };
    }

    private static byte[] Bytes(Literal value) => SingleValueBinary.ToBytes(value);

    private static ManifestFile Manifest(params PartitionFieldSummary[] summaries) => new()
    {
        Path = "m", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 1, Partitions = summaries,
    };
}
