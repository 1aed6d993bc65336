using System.Text;
using System.Text.Json;
using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Tests.Resolution;

/// <summary>
/// Property-style resolution test (fixed seeds): a random writer schema, a reader schema derived from it by dropping,
/// adding, reordering, promoting and wrapping fields, and the expected value of every record computed independently.
/// </summary>
public sealed class RandomResolutionTests
{
    private sealed class Generator(int seed)
    {
        private readonly Random _random = new(seed);
        private int _names;

        public AvroSchema WriterSchema(int depth, bool allowUnion = true)
        {
            int choice = _random.Next(depth > 2 ? 7 : 12);
            return choice switch
            {
                0 => PrimitiveSchema.Of(AvroTypeKind.Boolean),
                1 => PrimitiveSchema.Of(AvroTypeKind.Int),
                2 => PrimitiveSchema.Of(AvroTypeKind.Long),
                3 => PrimitiveSchema.Of(AvroTypeKind.Float),
                4 => PrimitiveSchema.Of(AvroTypeKind.Double),
                5 => PrimitiveSchema.Of(AvroTypeKind.String),
                6 => PrimitiveSchema.Of(AvroTypeKind.Bytes),
                7 => new EnumSchema("E" + _names++, ["A", "B", "C"]),
                8 => new ArraySchema(WriterSchema(depth + 1)),
                9 => new MapSchema(WriterSchema(depth + 1)),
                10 when allowUnion => new UnionSchema([PrimitiveSchema.Of(AvroTypeKind.Null), WriterSchema(depth + 1, allowUnion: false)]),
                _ => WriterRecord(depth + 1),
            };
        }

        public RecordSchema WriterRecord(int depth)
        {
            var fields = new List<AvroField>();
            int count = _random.Next(1, 6);
            for (int i = 0; i < count; i++)
            {
                fields.Add(new AvroField("f" + i, WriterSchema(depth)));
            }

            return new RecordSchema("R" + _names++, fields: fields);
        }

        /// <summary>A reader schema for <paramref name="writer"/> and the conversion of a writer value to the reader's.</summary>
        public (AvroSchema Reader, Func<object?, object?> Convert) Derive(AvroSchema writer, bool allowWrap = true)
        {
            if (allowWrap && writer is not UnionSchema && _random.Next(6) == 0)
            {
                (AvroSchema inner, Func<object?, object?> convert) = Derive(writer, allowWrap: false);
                return (new UnionSchema([PrimitiveSchema.Of(AvroTypeKind.Null), inner]), convert);
            }

            switch (writer)
            {
                case PrimitiveSchema { Kind: AvroTypeKind.Int }:
                    return Pick<int>(
                        (AvroTypeKind.Int, v => v), (AvroTypeKind.Long, v => (long)v), (AvroTypeKind.Float, v => (float)v), (AvroTypeKind.Double, v => (double)v));
                case PrimitiveSchema { Kind: AvroTypeKind.Long }:
                    return Pick<long>((AvroTypeKind.Long, v => v), (AvroTypeKind.Float, v => (float)v), (AvroTypeKind.Double, v => (double)v));
                case PrimitiveSchema { Kind: AvroTypeKind.Float }:
                    return Pick<float>((AvroTypeKind.Float, v => v), (AvroTypeKind.Double, v => (double)v));
                case PrimitiveSchema { Kind: AvroTypeKind.String }:
                    return Pick<string>((AvroTypeKind.String, v => v), (AvroTypeKind.Bytes, v => Encoding.UTF8.GetBytes(v)));
                case PrimitiveSchema { Kind: AvroTypeKind.Bytes }:
                    return Pick<byte[]>((AvroTypeKind.Bytes, v => v), (AvroTypeKind.String, v => Encoding.UTF8.GetString(v)));
                case PrimitiveSchema primitive:
                    return (primitive, v => v);
                case EnumSchema e:
                    var readerEnum = new EnumSchema(e.Name, ["ZZ", .. e.Symbols.Reverse()]);
                    return (readerEnum, v => AvroEnumValue.Of(readerEnum, ((AvroEnumValue)v!).Symbol));
                case ArraySchema array:
                    (AvroSchema items, Func<object?, object?> convertItem) = Derive(array.Items);
                    return (new ArraySchema(items), v => ((List<object?>)v!).Select(convertItem).ToList());
                case MapSchema map:
                    (AvroSchema values, Func<object?, object?> convertValue) = Derive(map.Values);
                    return (new MapSchema(values), v => ((Dictionary<string, object?>)v!).ToDictionary(p => p.Key, p => convertValue(p.Value)));
                case UnionSchema union:
                    (AvroSchema branch, Func<object?, object?> convertBranch) = Derive(union.NullableOf!, allowWrap: false);
                    AvroSchema[] branches = _random.Next(2) == 0 ? [PrimitiveSchema.Of(AvroTypeKind.Null), branch] : [branch, PrimitiveSchema.Of(AvroTypeKind.Null)];
                    return (new UnionSchema(branches), v => v is null ? null : convertBranch(v));
                case RecordSchema record:
                    return DeriveRecord(record);
                default:
                    throw new InvalidOperationException();
            }
        }

        private (AvroSchema, Func<object?, object?>) DeriveRecord(RecordSchema writer)
        {
            var readerFields = new List<(AvroField Field, int WriterIndex, Func<object?, object?>? Convert, object? Default)>();
            foreach (AvroField field in writer.Fields)
            {
                if (_random.Next(5) == 0)
                {
                    continue;
                }

                (AvroSchema schema, Func<object?, object?> convert) = Derive(field.Schema);
                readerFields.Add((new AvroField(field.Name, schema), field.Position, convert, null));
            }

            for (int added = _random.Next(0, 3); added > 0; added--)
            {
                string name = "added" + added;
                readerFields.Add(_random.Next(3) switch
                {
                    0 => (new AvroField(name, PrimitiveSchema.Of(AvroTypeKind.Int), Json("7")), -1, null, 7),
                    1 => (new AvroField(name, PrimitiveSchema.Of(AvroTypeKind.String), Json("\"dflt\"")), -1, null, "dflt"),
                    _ => (new AvroField(name, AvroSchema.Parse("""["null","long"]"""), Json("null")), -1, null, null),
                });
            }

            var shuffled = readerFields.OrderBy(_ => _random.Next()).ToList();
            var reader = new RecordSchema(writer.Name, fields: [.. shuffled.Select(f => f.Field)]);
            return (reader, v =>
            {
                var source = (AvroRecord)v!;
                var result = new AvroRecord(reader);
                for (int i = 0; i < shuffled.Count; i++)
                {
                    result.Values[i] = shuffled[i].WriterIndex < 0 ? shuffled[i].Default : shuffled[i].Convert!(source.Values[shuffled[i].WriterIndex]);
                }

                return result;
            });
        }

        private (AvroSchema, Func<object?, object?>) Pick<T>(params (AvroTypeKind Kind, Func<T, object> Convert)[] options)
        {
            (AvroTypeKind kind, Func<T, object> convert) = options[_random.Next(options.Length)];
            return (PrimitiveSchema.Of(kind), v => convert((T)v!));
        }

        public object? Value(AvroSchema schema) => schema switch
        {
            { Kind: AvroTypeKind.Boolean } => _random.Next(2) == 1,
            { Kind: AvroTypeKind.Int } => _random.Next(int.MinValue, int.MaxValue),
            { Kind: AvroTypeKind.Long } => _random.NextInt64(long.MinValue, long.MaxValue) >> _random.Next(64),
            { Kind: AvroTypeKind.Float } => (float)(_random.NextDouble() * 2e6 - 1e6),
            { Kind: AvroTypeKind.Double } => _random.NextDouble() * 1e12,
            { Kind: AvroTypeKind.String } => new string([.. Enumerable.Range(0, _random.Next(0, 12)).Select(_ => (char)_random.Next(32, 0x2FF))]),
            { Kind: AvroTypeKind.Bytes } => Encoding.UTF8.GetBytes(new string([.. Enumerable.Range(0, _random.Next(0, 12)).Select(_ => (char)_random.Next(32, 0x2FF))])),
            EnumSchema e => new AvroEnumValue(e, _random.Next(e.Symbols.Count)),
            ArraySchema a => Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(a.Items)).ToList(),
            MapSchema m => Enumerable.Range(0, _random.Next(0, 4)).ToDictionary(i => "k" + i, _ => Value(m.Values)),
            UnionSchema u => _random.Next(3) == 0 ? null : Value(u.NullableOf!),
            RecordSchema r => new AvroRecord(r, [.. r.Fields.Select(f => Value(f.Schema))]),
            _ => throw new InvalidOperationException(),
        };

        private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public void Random_projections_read_as_computed_independently()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var generator = new Generator(seed);
            RecordSchema writer = generator.WriterRecord(0);
            (AvroSchema reader, Func<object?, object?> convert) = generator.Derive(writer, allowWrap: false);
            List<object?> values = [.. Enumerable.Range(0, 10).Select(_ => generator.Value(writer))];

            byte[] file = AvroContainer.WriteToArray(writer, values);
            List<object?> read = AvroContainer.ReadAll(file, AvroSchema.Parse(reader.ToJson()));

            for (int i = 0; i < values.Count; i++)
            {
                object? expected = convert(values[i]);
                Assert.True(AvroDatum.ValuesEqual(expected, read[i]),
                    $"seed {seed} record {i}\nwriter {writer.ToJson()}\nreader {reader.ToJson()}\nexpected {AvroDatum.ToDisplayString(expected)}\nactual   {AvroDatum.ToDisplayString(read[i])}");
            }
        }
    }
}
