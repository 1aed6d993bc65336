using System.Runtime.CompilerServices;
using Floe.Avro.Binary;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;

namespace Floe.Avro.Resolution;

/// <summary>
/// Resolves a writer's schema against a reader's schema (Avro specification, "Schema Resolution"): record fields match
/// by name or the reader field's aliases, or by Iceberg's <c>field-id</c> when both records carry ids; missing fields
/// take the reader's default; extra writer fields are skipped; int, long and float widen; string and bytes convert;
/// unions resolve on either side; enum symbols map by name with the reader's default for unknown ones.
/// Record, enum and fixed names are not required to match outside unions, so manifests written by other
/// implementations (which name their records differently) still read.
/// </summary>
public static class AvroResolver
{
    // Plans by writer, then reader: parsed schemas are shared (AvroSchema.Parse caches them), so every file of one
    // writer resolves once. Entries live as long as both schemas do.
    private static readonly ConditionalWeakTable<AvroSchema, ConditionalWeakTable<AvroSchema, AvroReadPlan>> s_plans = new();

    /// <summary>
    /// The plan for reading data written with <paramref name="writer"/> as <paramref name="reader"/>, built once per
    /// pair of schema instances (plans are immutable).
    /// </summary>
    /// <exception cref="AvroException">The schemas cannot be resolved (the message names the field path).</exception>
    public static AvroReadPlan Resolve(AvroSchema writer, AvroSchema reader)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        ConditionalWeakTable<AvroSchema, AvroReadPlan> byReader = s_plans.GetOrCreateValue(writer);
        if (!byReader.TryGetValue(reader, out AvroReadPlan? plan))
        {
            plan = new Builder().Build(writer, reader, "");
            byReader.AddOrUpdate(reader, plan);
        }

        return plan;
    }

    /// <summary>The plan for reading data as the schema it was written with.</summary>
    public static AvroReadPlan ForSchema(AvroSchema schema) => Resolve(schema, schema);

    private sealed class Builder
    {
        private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), AvroReadPlan> _records = [];

        public AvroReadPlan Build(AvroSchema writer, AvroSchema reader, string path)
        {
            if (writer is UnionSchema writerUnion)
            {
                var plan = new AvroReadPlan(AvroReadAction.WriterUnion, writer, reader);
                var branches = new AvroReadPlan[writerUnion.Branches.Count];
                for (int i = 0; i < branches.Length; i++)
                {
                    try
                    {
                        branches[i] = Build(writerUnion.Branches[i], reader, path);
                    }
                    catch (AvroException ex)
                    {
                        // A branch the reader cannot take is only an error if the data uses it.
                        branches[i] = new AvroReadPlan(AvroReadAction.Error, writerUnion.Branches[i], reader) { ErrorMessage = ex.Message };
                    }
                }

                plan.BranchArray = branches;
                return plan;
            }

            if (reader is UnionSchema readerUnion)
            {
                int branch = FindBranch(readerUnion, writer);
                if (branch < 0)
                {
                    throw Mismatch(writer, reader, path);
                }

                return new AvroReadPlan(AvroReadAction.ReaderUnion, writer, reader)
                {
                    ReaderBranch = branch,
                    Branch = Build(writer, readerUnion.Branches[branch], path),
                };
            }

            return writer.Kind switch
            {
                _ when reader.IsPrimitive => Primitive(writer, reader, path),
                AvroTypeKind.Record when reader.Kind == AvroTypeKind.Record => Record((RecordSchema)writer, (RecordSchema)reader, path),
                AvroTypeKind.Enum when reader.Kind == AvroTypeKind.Enum => Enum((EnumSchema)writer, (EnumSchema)reader),
                AvroTypeKind.Fixed when reader is FixedSchema readerFixed && readerFixed.Size == ((FixedSchema)writer).Size =>
                    new AvroReadPlan(AvroReadAction.Fixed, writer, reader),
                AvroTypeKind.Array when reader.Kind == AvroTypeKind.Array => new AvroReadPlan(AvroReadAction.Array, writer, reader)
                {
                    Items = Build(((ArraySchema)writer).Items, ((ArraySchema)reader).Items, path + "[]"),
                    ItemMinSize = AvroEncodedSize.Min(((ArraySchema)writer).Items),
                },
                AvroTypeKind.Map when reader.Kind == AvroTypeKind.Map => new AvroReadPlan(AvroReadAction.Map, writer, reader)
                {
                    Items = Build(((MapSchema)writer).Values, ((MapSchema)reader).Values, path + "{}"),
                    ItemMinSize = 1 + AvroEncodedSize.Min(((MapSchema)writer).Values),
                },
                _ => throw Mismatch(writer, reader, path),
            };
        }

        private static AvroReadPlan Primitive(AvroSchema writer, AvroSchema reader, string path)
        {
            bool ok = (reader.Kind, writer.Kind) switch
            {
                var (r, w) when r == w => true,
                (AvroTypeKind.Long, AvroTypeKind.Int) => true,
                (AvroTypeKind.Float, AvroTypeKind.Int or AvroTypeKind.Long) => true,
                (AvroTypeKind.Double, AvroTypeKind.Int or AvroTypeKind.Long or AvroTypeKind.Float) => true,
                (AvroTypeKind.String, AvroTypeKind.Bytes) => true,
                (AvroTypeKind.Bytes, AvroTypeKind.String) => true,
                _ => false,
            };
            if (!ok)
            {
                throw Mismatch(writer, reader, path);
            }

            var action = reader.Kind switch
            {
                AvroTypeKind.Null => AvroReadAction.Null,
                AvroTypeKind.Boolean => AvroReadAction.Boolean,
                AvroTypeKind.Int => AvroReadAction.Int,
                AvroTypeKind.Long => AvroReadAction.Long,
                AvroTypeKind.Float => AvroReadAction.Float,
                AvroTypeKind.Double => AvroReadAction.Double,
                AvroTypeKind.Bytes => AvroReadAction.Bytes,
                _ => AvroReadAction.String,
            };
            return new AvroReadPlan(action, writer, reader);
        }

        private AvroReadPlan Record(RecordSchema writer, RecordSchema reader, string path)
        {
            if (_records.TryGetValue((writer, reader), out AvroReadPlan? existing))
            {
                return existing;
            }

            var plan = new AvroReadPlan(AvroReadAction.Record, writer, reader);
            _records[(writer, reader)] = plan;
            bool byId = reader.Fields.Any(f => f.FieldId is not null) && writer.Fields.Any(f => f.FieldId is not null);
            var readerIndexOfWriter = new int[writer.Fields.Count];
            Array.Fill(readerIndexOfWriter, -1);
            var matched = new bool[reader.Fields.Count];
            foreach (AvroField readerField in reader.Fields)
            {
                AvroField? writerField = byId && readerField.FieldId is int id
                    ? writer.Fields.FirstOrDefault(f => f.FieldId == id)
                    : writer.GetField(readerField.Name) ?? writer.Fields.FirstOrDefault(f => readerField.Aliases.Contains(f.Name));
                if (writerField is not null && readerIndexOfWriter[writerField.Position] < 0)
                {
                    readerIndexOfWriter[writerField.Position] = readerField.Position;
                    matched[readerField.Position] = true;
                }
            }

            var steps = new AvroFieldStep[writer.Fields.Count];
            for (int i = 0; i < steps.Length; i++)
            {
                AvroField writerField = writer.Fields[i];
                int readerIndex = readerIndexOfWriter[i];
                AvroReadPlan? fieldPlan = readerIndex < 0
                    ? null
                    : Build(writerField.Schema, reader.Fields[readerIndex].Schema, path + "." + reader.Fields[readerIndex].Name);
                steps[i] = new AvroFieldStep(writerField, readerIndex, fieldPlan);
            }

            var defaults = new List<AvroFieldDefault>();
            foreach (AvroField readerField in reader.Fields)
            {
                if (matched[readerField.Position])
                {
                    continue;
                }

                if (readerField.DefaultValue is not { } json)
                {
                    throw new AvroException(
                        $"cannot resolve {FieldPath(path, reader, readerField)}: the writer's record '{writer.FullName}' has no such field and the reader's field has no default");
                }

                object? value;
                try
                {
                    value = AvroDefaultValues.FromJson(json, readerField.Schema);
                }
                catch (AvroException ex)
                {
                    throw new AvroException($"field {FieldPath(path, reader, readerField)}: {ex.Message}", ex);
                }

                defaults.Add(new AvroFieldDefault(readerField.Position, value));
            }

            plan.StepArray = steps;
            plan.Defaults = defaults;
            return plan;
        }

        private static AvroReadPlan Enum(EnumSchema writer, EnumSchema reader)
        {
            int readerDefault = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
            var map = new int[writer.Symbols.Count];
            for (int i = 0; i < map.Length; i++)
            {
                int index = reader.IndexOf(writer.Symbols[i]);
                map[i] = index >= 0 ? index : readerDefault;
            }

            return new AvroReadPlan(AvroReadAction.Enum, writer, reader) { EnumMap = map };
        }

        /// <summary>The reader branch for a writer's non-union type: an exact match first, then a promotion.</summary>
        private static int FindBranch(UnionSchema reader, AvroSchema writer)
        {
            IReadOnlyList<AvroSchema> branches = reader.Branches;
            if (writer is NamedSchema named)
            {
                for (int i = 0; i < branches.Count; i++)
                {
                    if (branches[i].Kind == writer.Kind && branches[i] is NamedSchema candidate
                        && (candidate.MatchesName(named.FullName) || candidate.Name == named.Name))
                    {
                        return i;
                    }
                }
            }

            for (int i = 0; i < branches.Count; i++)
            {
                if (branches[i].Kind == writer.Kind
                    && (writer is not FixedSchema writerFixed || ((FixedSchema)branches[i]).Size == writerFixed.Size))
                {
                    return i;
                }
            }

            AvroTypeKind[] promotions = writer.Kind switch
            {
                AvroTypeKind.Int => [AvroTypeKind.Long, AvroTypeKind.Float, AvroTypeKind.Double],
                AvroTypeKind.Long => [AvroTypeKind.Float, AvroTypeKind.Double],
                AvroTypeKind.Float => [AvroTypeKind.Double],
                AvroTypeKind.String => [AvroTypeKind.Bytes],
                AvroTypeKind.Bytes => [AvroTypeKind.String],
                _ => [],
            };
            foreach (AvroTypeKind promoted in promotions)
            {
                for (int i = 0; i < branches.Count; i++)
                {
                    if (branches[i].Kind == promoted)
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        private static string FieldPath(string path, RecordSchema record, AvroField field) =>
            $"'{(path.Length == 0 ? record.FullName : path.TrimStart('.'))}.{field.Name}'".Replace("'.", "'", StringComparison.Ordinal);

        private static AvroException Mismatch(AvroSchema writer, AvroSchema reader, string path) =>
            new($"cannot read the writer's {writer.DisplayName} as the reader's {reader.DisplayName}" +
                (path.Length == 0 ? string.Empty : $" at '{path.TrimStart('.')}'"));
    }
}
