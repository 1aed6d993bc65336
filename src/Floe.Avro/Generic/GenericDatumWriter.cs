using System.Collections;
using Floe.Avro.Binary;
using Floe.Avro.Schemas;
using Floe.Common.Errors;

namespace Floe.Avro.Generic;

/// <summary>Encodes generic datums (see <see cref="AvroDatum"/>) with a schema.</summary>
public sealed class GenericDatumWriter : IAvroDatumWriter<object?>
{
    public GenericDatumWriter(AvroSchema schema)
    {
        Schema = schema;
    }

    public AvroSchema Schema { get; }

    /// <inheritdoc />
    public void Write(AvroBufferWriter writer, object? value) => WriteValue(writer, Schema, value);

    /// <summary>Encodes <paramref name="value"/> as a value of <paramref name="schema"/>.</summary>
    /// <exception cref="AvroException">The value does not fit the schema (kind <see cref="FloeErrorKind.InvalidArgument"/>).</exception>
    public static void WriteValue(AvroBufferWriter writer, AvroSchema schema, object? value)
    {
        switch (schema.Kind)
        {
            case AvroTypeKind.Null:
                if (value is not null)
                {
                    Mismatch(schema, value);
                }

                break;
            case AvroTypeKind.Boolean:
                writer.WriteBoolean(value is bool b ? b : Mismatch<bool>(schema, value));
                break;
            case AvroTypeKind.Int:
                writer.WriteInt(value is int n ? n : Mismatch<int>(schema, value));
                break;
            case AvroTypeKind.Long:
                writer.WriteLong(value switch
                {
                    long l => l,
                    int i => i,
                    _ => Mismatch<long>(schema, value),
                });
                break;
            case AvroTypeKind.Float:
                writer.WriteFloat(value switch
                {
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => Mismatch<float>(schema, value),
                });
                break;
            case AvroTypeKind.Double:
                writer.WriteDouble(value switch
                {
                    double d => d,
                    float f => f,
                    int i => i,
                    long l => l,
                    _ => Mismatch<double>(schema, value),
                });
                break;
            case AvroTypeKind.Bytes:
                writer.WriteBytes(value is byte[] bytes ? bytes : Mismatch<byte[]>(schema, value));
                break;
            case AvroTypeKind.String:
                writer.WriteString(value is string s ? s : Mismatch<string>(schema, value));
                break;
            case AvroTypeKind.Fixed:
                WriteFixed(writer, (FixedSchema)schema, value);
                break;
            case AvroTypeKind.Enum:
                WriteEnum(writer, (EnumSchema)schema, value);
                break;
            case AvroTypeKind.Record:
                WriteRecord(writer, (RecordSchema)schema, value);
                break;
            case AvroTypeKind.Array:
                WriteArray(writer, (ArraySchema)schema, value);
                break;
            case AvroTypeKind.Map:
                WriteMap(writer, (MapSchema)schema, value);
                break;
            case AvroTypeKind.Union:
                var union = (UnionSchema)schema;
                int branch = AvroUnionSelector.Select(union, value);
                writer.WriteUnionIndex(branch);
                WriteValue(writer, union.BranchArray[branch], value);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(schema));
        }
    }

    private static void WriteFixed(AvroBufferWriter writer, FixedSchema schema, object? value)
    {
        byte[] bytes = value switch
        {
            AvroFixed f => f.Value,
            byte[] b => b,
            _ => Mismatch<byte[]>(schema, value),
        };
        if (bytes.Length != schema.Size)
        {
            throw new AvroException(FloeErrorKind.InvalidArgument, $"fixed '{schema.FullName}' holds {schema.Size} bytes, got {bytes.Length}");
        }

        writer.WriteFixed(bytes);
    }

    private static void WriteEnum(AvroBufferWriter writer, EnumSchema schema, object? value)
    {
        string symbol = value switch
        {
            AvroEnumValue e => e.Symbol,
            string s => s,
            _ => Mismatch<string>(schema, value),
        };
        int index = schema.IndexOf(symbol);
        if (index < 0)
        {
            throw new AvroException(FloeErrorKind.InvalidArgument, $"'{symbol}' is not a symbol of enum '{schema.FullName}'");
        }

        writer.WriteInt(index);
    }

    private static void WriteRecord(AvroBufferWriter writer, RecordSchema schema, object? value)
    {
        if (value is not AvroRecord record)
        {
            Mismatch(schema, value);
            return;
        }

        if (record.Values.Length != schema.Fields.Count)
        {
            throw new AvroException(FloeErrorKind.InvalidArgument,
                $"record '{schema.FullName}' has {schema.Fields.Count} fields, the value has {record.Values.Length}");
        }

        AvroField[] fields = schema.FieldArray;
        for (int i = 0; i < fields.Length; i++)
        {
            WriteValue(writer, fields[i].Schema, record.Values[i]);
        }
    }

    private static void WriteArray(AvroBufferWriter writer, ArraySchema schema, object? value)
    {
        if (value is not IList list || value is byte[])
        {
            Mismatch(schema, value);
            return;
        }

        if (list.Count > 0)
        {
            writer.WriteBlockCount(list.Count);
            foreach (object? item in list)
            {
                WriteValue(writer, schema.Items, item);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void WriteMap(AvroBufferWriter writer, MapSchema schema, object? value)
    {
        if (value is not IDictionary map)
        {
            Mismatch(schema, value);
            return;
        }

        if (map.Count > 0)
        {
            writer.WriteBlockCount(map.Count);
            foreach (DictionaryEntry entry in map)
            {
                writer.WriteString(entry.Key as string ?? throw new AvroException(FloeErrorKind.InvalidArgument, "map keys must be strings"));
                WriteValue(writer, schema.Values, entry.Value);
            }
        }

        writer.WriteBlockCount(0);
    }

    private static void Mismatch(AvroSchema schema, object? value) => Mismatch<int>(schema, value);

    private static T Mismatch<T>(AvroSchema schema, object? value) =>
        throw new AvroException(FloeErrorKind.InvalidArgument,
            $"a value of type {value?.GetType().Name ?? "null"} does not fit the Avro type {schema.DisplayName}");
}
