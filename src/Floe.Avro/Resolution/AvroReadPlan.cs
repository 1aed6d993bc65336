using System.Diagnostics.CodeAnalysis;
using Floe.Avro.Binary;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Resolution;

/// <summary>
/// A compiled plan for reading data written with one schema (the writer's) as another (the reader's). Build one with
/// <see cref="AvroResolver.Resolve"/> and keep it: it is immutable and thread-safe. Use <see cref="ReadDatum"/> for
/// generic datums, or the typed <c>Read*</c> methods, <see cref="ReadUnion"/>, <see cref="Steps"/> and
/// <see cref="Defaults"/> to decode into your own structures without an object per value.
/// </summary>
public sealed class AvroReadPlan
{
    internal AvroReadPlan(AvroReadAction action, AvroSchema writer, AvroSchema reader)
    {
        Action = action;
        Writer = writer;
        Reader = reader;
    }

    public AvroReadAction Action { get; internal set; }

    /// <summary>The writer's schema at this point.</summary>
    public AvroSchema Writer { get; }

    /// <summary>The reader's schema at this point.</summary>
    public AvroSchema Reader { get; }

    /// <summary>Records: the writer's fields in order, each read into a reader field or skipped (a span: no enumerator to allocate).</summary>
    public ReadOnlySpan<AvroFieldStep> Steps => StepArray;

    internal AvroFieldStep[] StepArray { get; set; } = [];

    /// <summary>Records: reader fields the writer lacks, with their default values.</summary>
    public IReadOnlyList<AvroFieldDefault> Defaults { get; internal set; } = [];

    /// <summary>Arrays and maps: the plan of the items or values.</summary>
    public AvroReadPlan? Items { get; internal set; }

    /// <summary>Reader unions: the reader's branch index that the writer's value goes to.</summary>
    public int ReaderBranch { get; internal set; }

    /// <summary>Reader unions: the plan for the value inside the branch.</summary>
    public AvroReadPlan? Branch { get; internal set; }

    /// <summary>Writer unions: one plan per writer branch.</summary>
    public IReadOnlyList<AvroReadPlan> WriterBranches => BranchArray;

    internal AvroReadPlan[] BranchArray { get; set; } = [];

    /// <summary>Why the data cannot be read (for <see cref="AvroReadAction.Error"/>).</summary>
    public string? ErrorMessage { get; internal set; }

    internal int[] EnumMap { get; set; } = [];

    internal int ItemMinSize { get; set; }

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Boolean);
        return reader.ReadBoolean();
    }

    /// <summary>Reads an int.</summary>
    public int ReadInt(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Int);
        return reader.ReadInt();
    }

    /// <summary>Reads a long (promoting an int).</summary>
    public long ReadLong(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Long);
        return Writer.Kind == AvroTypeKind.Int ? reader.ReadInt() : reader.ReadLong();
    }

    /// <summary>Reads a float (promoting an int or long).</summary>
    public float ReadFloat(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Float);
        return Writer.Kind switch
        {
            AvroTypeKind.Int => reader.ReadInt(),
            AvroTypeKind.Long => reader.ReadLong(),
            _ => reader.ReadFloat(),
        };
    }

    /// <summary>Reads a double (promoting an int, long or float).</summary>
    public double ReadDouble(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Double);
        return Writer.Kind switch
        {
            AvroTypeKind.Int => reader.ReadInt(),
            AvroTypeKind.Long => reader.ReadLong(),
            AvroTypeKind.Float => reader.ReadFloat(),
            _ => reader.ReadDouble(),
        };
    }

    /// <summary>Reads a string (also from bytes).</summary>
    public string ReadString(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.String);
        return reader.ReadString();
    }

    /// <summary>Reads bytes (also from a string) as a slice of the input; for a fixed, its bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(ref AvroBinaryReader reader)
    {
        if (Action == AvroReadAction.Fixed)
        {
            return reader.ReadFixed(((FixedSchema)Writer).Size);
        }

        if (Action is not (AvroReadAction.Bytes or AvroReadAction.String))
        {
            ThrowWrongAction("bytes");
        }

        return reader.ReadBytesSpan();
    }

    /// <summary>Reads an enum as the reader's symbol index.</summary>
    public int ReadEnum(ref AvroBinaryReader reader)
    {
        Expect(AvroReadAction.Enum);
        int start = reader.Position;
        long index = reader.ReadLong();
        if ((ulong)index >= (ulong)EnumMap.Length)
        {
            reader.Position = start;
            reader.Throw($"enum index {index} is out of range for the {EnumMap.Length} symbols of '{((EnumSchema)Writer).FullName}'");
        }

        int mapped = EnumMap[index];
        if (mapped < 0)
        {
            reader.Throw($"enum symbol '{((EnumSchema)Writer).Symbols[(int)index]}' is unknown to the reader's enum '{((EnumSchema)Reader).FullName}', which has no default");
        }

        return mapped;
    }

    /// <summary>
    /// Resolves a union (on either side): reads the writer's branch index and returns the reader's branch index
    /// (0 when the reader is not a union), with the plan for the value in <paramref name="plan"/>. For a null value the
    /// plan's action is <see cref="AvroReadAction.Null"/>. A plan that is not a union returns itself.
    /// </summary>
    public int ReadUnion(ref AvroBinaryReader reader, out AvroReadPlan plan)
    {
        AvroReadPlan node = this;
        if (node.Action == AvroReadAction.WriterUnion)
        {
            AvroReadPlan[] branches = node.BranchArray;
            node = branches[reader.ReadUnionIndex(branches.Length)];
            if (node.Action == AvroReadAction.Error)
            {
                reader.Throw(node.ErrorMessage!);
            }
        }

        if (node.Action == AvroReadAction.ReaderUnion)
        {
            plan = node.Branch!;
            return node.ReaderBranch;
        }

        plan = node;
        return 0;
    }

    /// <summary>Skips the writer's value.</summary>
    public void Skip(ref AvroBinaryReader reader) => AvroSkipper.Skip(ref reader, Writer);

    /// <summary>Reads the next array or map block's item count (0 at the end), checked against the bytes remaining.</summary>
    public long ReadBlockCount(ref AvroBinaryReader reader)
    {
        if (Action is not (AvroReadAction.Array or AvroReadAction.Map))
        {
            ThrowWrongAction("an array or map");
        }

        return reader.ReadBlockCount(ItemMinSize);
    }

    /// <summary>Reads one value as a generic datum of the reader's schema (see <see cref="AvroDatum"/>).</summary>
    public object? ReadDatum(ref AvroBinaryReader reader)
    {
        switch (Action)
        {
            case AvroReadAction.Null:
                return null;
            case AvroReadAction.Boolean:
                return reader.ReadBoolean();
            case AvroReadAction.Int:
                return reader.ReadInt();
            case AvroReadAction.Long:
                return ReadLong(ref reader);
            case AvroReadAction.Float:
                return ReadFloat(ref reader);
            case AvroReadAction.Double:
                return ReadDouble(ref reader);
            case AvroReadAction.Bytes:
                return reader.ReadBytes();
            case AvroReadAction.String:
                return reader.ReadString();
            case AvroReadAction.Fixed:
                return new AvroFixed((FixedSchema)Reader, reader.ReadFixed(((FixedSchema)Writer).Size).ToArray());
            case AvroReadAction.Enum:
                return new AvroEnumValue((EnumSchema)Reader, ReadEnum(ref reader));
            case AvroReadAction.Record:
            case AvroReadAction.Array:
            case AvroReadAction.Map:
                reader.EnterNested();
                object value = Action switch
                {
                    AvroReadAction.Record => ReadRecord(ref reader),
                    AvroReadAction.Array => ReadArray(ref reader),
                    _ => ReadMap(ref reader),
                };
                reader.ExitNested();
                return value;
            case AvroReadAction.WriterUnion:
            case AvroReadAction.ReaderUnion:
                ReadUnion(ref reader, out AvroReadPlan branch);
                return branch.ReadDatum(ref reader);
            default:
                reader.Throw(ErrorMessage ?? "unreadable data");
                return null;
        }
    }

    private AvroRecord ReadRecord(ref AvroBinaryReader reader)
    {
        var record = new AvroRecord((RecordSchema)Reader);
        object?[] values = record.Values;
        foreach (AvroFieldStep step in StepArray)
        {
            if (step.ReaderIndex < 0)
            {
                step.Skip(ref reader);
            }
            else
            {
                values[step.ReaderIndex] = step.Plan!.ReadDatum(ref reader);
            }
        }

        foreach (AvroFieldDefault missing in Defaults)
        {
            values[missing.ReaderIndex] = AvroDatum.DeepCopy(missing.Value);
        }

        return record;
    }

    private List<object?> ReadArray(ref AvroBinaryReader reader)
    {
        var list = new List<object?>();
        AvroReadPlan items = Items!;
        for (long count = reader.ReadBlockCount(ItemMinSize); count != 0; count = reader.ReadBlockCount(ItemMinSize))
        {
            for (long i = 0; i < count; i++)
            {
                list.Add(items.ReadDatum(ref reader));
            }
        }

        return list;
    }

    private Dictionary<string, object?> ReadMap(ref AvroBinaryReader reader)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        AvroReadPlan values = Items!;
        for (long count = reader.ReadBlockCount(ItemMinSize); count != 0; count = reader.ReadBlockCount(ItemMinSize))
        {
            for (long i = 0; i < count; i++)
            {
                string key = reader.ReadString();
                map[key] = values.ReadDatum(ref reader);
            }
        }

        return map;
    }

    private void Expect(AvroReadAction action)
    {
        if (Action != action)
        {
            ThrowWrongAction(action.ToString());
        }
    }

    [DoesNotReturn]
    private void ThrowWrongAction(string wanted) =>
        throw new InvalidOperationException($"this plan reads {Action} ({Writer.DisplayName} as {Reader.DisplayName}), not {wanted}");
}
