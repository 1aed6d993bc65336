using System.Text.Json;
using Floe.Avro.Codecs;
using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Tests.Generic;

/// <summary>Property-style tests: random schemas and values (fixed seeds) survive every layer.</summary>
public sealed class RandomRoundTripTests
{
    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);
        private int _names;

        public AvroSchema Schema(int depth)
        {
            int choice = _random.Next(depth > 3 ? 8 : 14);
            switch (choice)
            {
                case < 8:
                    return PrimitiveSchema.Of((AvroTypeKind)choice);
                case 8:
                    int fieldCount = _random.Next(0, 5);
                    var fields = new List<AvroField>();
                    for (int i = 0; i < fieldCount; i++)
                    {
                        fields.Add(new AvroField("f" + i, Schema(depth + 1), properties: [AvroProperty.Of("field-id", i + 1)]));
                    }

                    return new RecordSchema("R" + _names++, fields: fields);
                case 9:
                    return new EnumSchema("E" + _names++, [.. Enumerable.Range(0, _random.Next(1, 5)).Select(i => "S" + i)]);
                case 10:
                    return new FixedSchema("F" + _names++, _random.Next(0, 20));
                case 11:
                    return new ArraySchema(Schema(depth + 1));
                case 12:
                    return new MapSchema(Schema(depth + 1));
                default:
                    AvroSchema other = Schema(depth + 1);
                    return other is UnionSchema or PrimitiveSchema { Kind: AvroTypeKind.Null }
                        ? new UnionSchema([PrimitiveSchema.Of(AvroTypeKind.Null), PrimitiveSchema.Of(AvroTypeKind.Long)])
                        : new UnionSchema(_random.Next(2) == 0 ? [PrimitiveSchema.Of(AvroTypeKind.Null), other] : [other, PrimitiveSchema.Of(AvroTypeKind.Null)]);
            }
        }

        public object? Value(AvroSchema schema) => schema switch
        {
            { Kind: AvroTypeKind.Null } => null,
            { Kind: AvroTypeKind.Boolean } => _random.Next(2) == 1,
            { Kind: AvroTypeKind.Int } => _random.Next(4) == 0 ? int.MinValue + _random.Next(3) : _random.Next(int.MinValue, int.MaxValue),
            { Kind: AvroTypeKind.Long } => _random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64),
            { Kind: AvroTypeKind.Float } => (float)(_random.NextDouble() * 1e6 - 5e5),
            { Kind: AvroTypeKind.Double } => _random.Next(10) == 0 ? double.NaN : _random.NextDouble() * 1e300,
            { Kind: AvroTypeKind.Bytes } => Bytes(_random.Next(0, 40)),
            { Kind: AvroTypeKind.String } => new string([.. Enumerable.Range(0, _random.Next(0, 30)).Select(_ => (char)_random.Next(32, 0x2FFF))]),
            RecordSchema record => new AvroRecord(record, [.. record.Fields.Select(f => Value(f.Schema))]),
            EnumSchema e => new AvroEnumValue(e, _random.Next(e.Symbols.Count)),
            FixedSchema f => new AvroFixed(f, Bytes(f.Size)),
            ArraySchema a => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(a.Items)).ToList(),
            MapSchema m => Enumerable.Range(0, _random.Next(0, 4)).ToDictionary(i => "k" + i, _ => Value(m.Values)),
            UnionSchema u => Value(u.Branches[_random.Next(u.Branches.Count)]),
            _ => throw new InvalidOperationException(),
        };

        private byte[] Bytes(int length)
        {
            byte[] bytes = new byte[length];
            _random.NextBytes(bytes);
            return bytes;
        }
    }

    [Fact]
    public void Random_schemas_and_values_round_trip_through_json_binary_and_container()
    {
        AvroCodec[] codecs = [AvroCodecs.Null, AvroCodecs.Deflate, AvroCodecs.Snappy, AvroCodecs.Zstandard];
        for (int seed = 0; seed < 150; seed++)
        {
            var generator = new Generator(seed);
            var schema = new RecordSchema("Top", fields: [new AvroField("a", generator.Schema(0)), new AvroField("b", generator.Schema(0))]);
            AvroSchema reparsed = AvroSchema.Parse(schema.ToJson());
            Assert.Equal(schema.ToJson(), reparsed.ToJson());

            List<object?> values = [.. Enumerable.Range(0, 20).Select(_ => generator.Value(schema))];
            byte[] file = AvroContainer.WriteToArray(schema, values, codecs[seed % codecs.Length], new AvroContainerWriterOptions { BlockSize = 256 });
            List<object?> read = AvroContainer.ReadAll(file, reparsed);

            Assert.Equal(values.Count, read.Count);
            for (int i = 0; i < values.Count; i++)
            {
                Assert.True(AvroDatum.ValuesEqual(values[i], read[i]), $"seed {seed} value {i}: {AvroDatum.ToDisplayString(values[i])} vs {AvroDatum.ToDisplayString(read[i])}");
                using JsonDocument _ = JsonDocument.Parse(AvroJsonWriter.ToJson(read[i], reparsed, new AvroJsonOptions()));
            }
        }
    }
}
