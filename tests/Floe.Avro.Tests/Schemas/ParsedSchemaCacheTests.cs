using Floe.Avro.Schemas;

namespace Floe.Avro.Tests.Schemas;

public sealed class ParsedSchemaCacheTests
{
    [Fact]
    public void The_same_text_gives_the_same_schema_and_other_text_another()
    {
        string json = """{"type":"record","name":"cached_a","fields":[{"name":"x","type":"long"}]}""";
        AvroSchema first = AvroSchema.Parse(json);
        AvroSchema second = AvroSchema.Parse(new string(json.AsSpan()));
        AvroSchema other = AvroSchema.Parse(json.Replace("cached_a", "cached_b", StringComparison.Ordinal));

        Assert.Same(first, second);
        Assert.NotSame(first, other);
        Assert.Equal("cached_b", ((RecordSchema)other).Name);
    }

    [Fact]
    public void Invalid_text_fails_every_time_and_many_distinct_schemas_still_parse()
    {
        Assert.Throws<AvroException>(() => AvroSchema.Parse("""{"type":"record","name":"r"}"""));
        Assert.Throws<AvroException>(() => AvroSchema.Parse("""{"type":"record","name":"r"}"""));

        // More distinct schemas than the cache keeps: each still parses to its own record.
        for (int i = 0; i < 600; i++)
        {
            var record = (RecordSchema)AvroSchema.Parse($$"""{"type":"record","name":"many_{{i}}","fields":[]}""");
            Assert.Equal($"many_{i}", record.Name);
        }
    }
}
