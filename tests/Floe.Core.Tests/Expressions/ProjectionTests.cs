using Floe.Core.Expressions;
using Floe.Core.Partitioning;
using Floe.Core.Transforms;
using Floe.Core.Values;

namespace Floe.Core.Tests.Expressions;

public sealed class ProjectionTests
{
    private static PartitionSpec Spec() => new PartitionSpecBuilder(BinderTests.Table())
        .Day("ts").Bucket("id", 16).Truncate("name", 3).Identity("loc.city").Truncate("price", 50).Build();

    private static string Inclusive(Expression e) => Projections.Inclusive(Spec(), BinderTests.Table(), e).ToString();

    private static string Strict(Expression e) => Projections.Strict(Spec(), BinderTests.Table(), e).ToString();

    [Fact]
    public void Inclusive_time_transform_ranges()
    {
        Assert.Equal("ts_day <= 2017-11-16", Inclusive(Expr.LessThan("ts", Literal.Of("2017-11-17T00:00:00+00:00"))));
        Assert.Equal("ts_day >= 2017-11-17", Inclusive(Expr.GreaterThan("ts", Literal.Of("2017-11-16T23:59:59.999999+00:00"))));
        Assert.Equal("ts_day == 2017-11-16", Inclusive(Expr.Equal("ts", Literal.Of("2017-11-16T22:31:08+00:00"))));
        Assert.Equal("true", Inclusive(Expr.NotEqual("ts", Literal.Of("2017-11-16T22:31:08+00:00"))));
    }

    [Fact]
    public void Inclusive_bucket_only_equality_and_in()
    {
        Assert.Equal($"id_bucket == {2017239379 % 16}", Inclusive(Expr.Equal("id", Literal.Of(34))));
        Assert.Equal("true", Inclusive(Expr.LessThan("id", Literal.Of(34))));
        Assert.Equal("name_trunc is null", Inclusive(Expr.IsNull("name")));
    }

    [Fact]
    public void Inclusive_truncate_integers_decimals_and_strings()
    {
        Assert.Equal("price_trunc <= 10.00", Inclusive(Expr.LessThan("price", Literal.Of("10.50"))));
        Assert.Equal("name_trunc == \"ice\"", Inclusive(Expr.Equal("name", Literal.Of("iceberg"))));
        Assert.Equal("name_trunc startsWith \"ice\"", Inclusive(Expr.StartsWith("name", "iceberg")));
        Assert.Equal("name_trunc startsWith \"ic\"", Inclusive(Expr.StartsWith("name", "ic")));
        Assert.Equal("name_trunc notStartsWith \"ic\"", Inclusive(Expr.NotStartsWith("name", "ic")));
        Assert.Equal("true", Inclusive(Expr.NotStartsWith("name", "iceberg")));
    }

    [Fact]
    public void Inclusive_identity_and_logic()
    {
        var e = Expr.Or(Expr.Equal("loc.city", Literal.Of("Paris")), Expr.Not(Expr.GreaterThanOrEqual("ts", Literal.Of("2017-11-16T00:00:00+00:00"))));

        Assert.Equal("(loc.city == \"Paris\" or ts_day <= 2017-11-15)", Inclusive(e));
        Assert.Equal("true", Inclusive(Expr.Equal("score", Literal.Of(1.0))));
    }

    [Fact]
    public void Strict_projections()
    {
        Assert.Equal("ts_day < 2017-11-16", Strict(Expr.LessThan("ts", Literal.Of("2017-11-16T12:00:00+00:00"))));
        Assert.Equal("ts_day > 2017-11-15", Strict(Expr.GreaterThanOrEqual("ts", Literal.Of("2017-11-16T00:00:00+00:00"))));
        Assert.Equal($"id_bucket != {2017239379 % 16}", Strict(Expr.NotEqual("id", Literal.Of(34))));
        Assert.Equal("false", Strict(Expr.Equal("id", Literal.Of(34))));
        Assert.Equal("name_trunc startsWith \"ic\"", Strict(Expr.StartsWith("name", "ic")));
        Assert.Equal("false", Strict(Expr.StartsWith("name", "iceberg")));
        Assert.Equal("false", Strict(Expr.Equal("score", Literal.Of(1.0))));
    }

    [Fact]
    public void Partition_filter_prunes_by_tuple()
    {
        var spec = Spec();
        var filter = new PartitionFilter(spec, BinderTests.Table(), Expr.And(
            Expr.GreaterThanOrEqual("ts", Literal.Of("2017-11-16T00:00:00+00:00")),
            Expr.Equal("id", Literal.Of(34))));
        var bucket = Transform.Bucket(16).Apply(Literal.Of(34));

        Assert.True(filter.MightMatch(PartitionData.Of(Literal.Of(new DateOnly(2017, 11, 16)), bucket, Literal.Null, Literal.Null, Literal.Null)));
        Assert.False(filter.MightMatch(PartitionData.Of(Literal.Of(new DateOnly(2017, 11, 15)), bucket, Literal.Null, Literal.Null, Literal.Null)));
        Assert.False(filter.MightMatch(PartitionData.Of(Literal.Of(new DateOnly(2017, 11, 16)), Literal.Of(bucket.AsInt() + 1), Literal.Null, Literal.Null, Literal.Null)));
        Assert.False(filter.MightMatch(PartitionData.Of(Literal.Null, bucket, Literal.Null, Literal.Null, Literal.Null)));
    }

    [Fact]
    public void Inclusive_projection_never_drops_a_matching_row()
    {
        // Property check: for many rows and filters, a row that matches must keep its partition.
        var spec = Spec();
        var schema = BinderTests.Table();
        var random = new Random(1234);
        Operation[] ops = [Operation.LessThan, Operation.LessThanOrEqual, Operation.GreaterThan, Operation.GreaterThanOrEqual, Operation.Equal, Operation.NotEqual];
        for (int i = 0; i < 400; i++)
        {
            long micros = random.NextInt64(-5 * DateTimeUtil.MicrosPerDay, 5 * DateTimeUtil.MicrosPerDay);
            int id = random.Next(-50, 50);
            var row = new Dictionary<int, Literal>
            {
                [1] = Literal.Of(id), [2] = Literal.OfTimestampTz(micros), [3] = Literal.Of(new string('a', random.Next(0, 5))),
                [4] = Literal.Null, [5] = Literal.OfDecimal(random.Next(-2000, 2000), 2), [6] = Literal.Null, [8] = Literal.Of("x"), [9] = Literal.Null,
            };
            var op = ops[random.Next(ops.Length)];
            Expression filter = random.Next(3) switch
            {
                0 => Expr.Predicate(op, "ts", Literal.OfTimestampTz(micros + random.NextInt64(-DateTimeUtil.MicrosPerDay, DateTimeUtil.MicrosPerDay))),
                1 => Expr.Predicate(op, "price", Literal.OfDecimal(random.Next(-2000, 2000), 2)),
                _ => Expr.Predicate(op, "id", Literal.Of(random.Next(-50, 50))),
            };

            var partition = spec.Partition(fid => row[fid]);
            bool rowMatches = new Evaluator(schema, filter).Eval(fid => row.GetValueOrDefault(fid));
            bool kept = new PartitionFilter(spec, schema, filter).MightMatch(partition);
            bool allMatch = new Evaluator(new Core.Schemas.Schema(spec.PartitionType(schema)), Projections.Strict(spec, schema, filter))
                .Eval(fid => partition[spec.Fields.ToList().FindIndex(f => f.FieldId == fid)]);

            Assert.True(!rowMatches || kept, $"{filter} matched a row in partition {partition} that the inclusive projection dropped");
            Assert.True(!allMatch || rowMatches, $"{filter} strict projection claimed partition {partition} but the row does not match");
        }
    }
}

public sealed class PartitionFilterNormalizationTests
{
    [Fact]
    public void Day_partition_values_stored_as_int_are_accepted()
    {
        var schema = BinderTests.Table();
        var spec = new PartitionSpecBuilder(schema).Day("ts").Build();
        var filter = new PartitionFilter(spec, schema, Expr.GreaterThanOrEqual("ts", Literal.Of("2017-11-16T00:00:00+00:00")));

        Assert.True(filter.MightMatch(PartitionData.Of(Literal.Of(17486))));
        Assert.False(filter.MightMatch(PartitionData.Of(Literal.Of(17485))));
    }
}
