using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Schemas;

/// <summary>
/// Maps schema groups to columnar structs, lists and maps following the LogicalTypes backward-compatibility rules:
/// 3-level lists, the legacy 2-level forms (a repeated primitive; a repeated group with several fields, or named
/// <c>array</c> or <c>&lt;list&gt;_tuple</c>), bare repeated fields as required lists of required elements, and
/// MAP / MAP_KEY_VALUE groups.
/// </summary>
internal static class SchemaFieldMapper
{
    public static FieldMapping Map(SchemaNode node, int slotRepetition, int slotDefinition)
    {
        if (node.Repetition == FieldRepetitionType.Repeated)
        {
            FieldMapping element = MapValue(node, node.RepetitionLevel, node.DefinitionLevel, nullable: false);
            return new FieldMapping
            {
                Field = new ColumnField(node.Name, ColumnType.List(element.Field), Nullable: false, node.FieldId),
                Shape = FieldShape.List,
                Node = node,
                SlotRepetition = slotRepetition,
                SlotDefinition = slotDefinition,
                PresentDefinition = slotDefinition,
                Children = [element],
            };
        }

        return MapValue(node, slotRepetition, slotDefinition, node.Repetition == FieldRepetitionType.Optional);
    }

    private static FieldMapping MapValue(SchemaNode node, int slotRepetition, int slotDefinition, bool nullable)
    {
        if (node.IsLeaf)
        {
            ColumnDescriptor leaf = node.Column!;
            return new FieldMapping
            {
                Field = new ColumnField(node.Name, leaf.Type, nullable, node.FieldId),
                Shape = FieldShape.Primitive,
                Node = node,
                SlotRepetition = slotRepetition,
                SlotDefinition = slotDefinition,
                PresentDefinition = node.DefinitionLevel,
                Leaf = leaf,
            };
        }

        if (node.Children.Count == 0)
        {
            throw new ParquetException(FloeErrorKind.Unsupported, $"Parquet schema: group '{node}' has no fields.");
        }

        if (node.IsListAnnotated)
        {
            return MapList(node, slotRepetition, slotDefinition, nullable);
        }

        if (node.IsMapAnnotated)
        {
            return MapMap(node, slotRepetition, slotDefinition, nullable);
        }

        FieldMapping[] children = [.. node.Children.Select(child => Map(child, slotRepetition, slotDefinition))];
        return new FieldMapping
        {
            Field = new ColumnField(node.Name, ColumnType.Struct([.. children.Select(c => c.Field)]), nullable, node.FieldId),
            Shape = FieldShape.Struct,
            Node = node,
            SlotRepetition = slotRepetition,
            SlotDefinition = slotDefinition,
            PresentDefinition = node.DefinitionLevel,
            Children = children,
        };
    }

    private static FieldMapping MapList(SchemaNode list, int slotRepetition, int slotDefinition, bool nullable)
    {
        if (list.Children.Count != 1 || list.Children[0].Repetition != FieldRepetitionType.Repeated)
        {
            throw new ParquetException($"Parquet schema: list '{list}' must have exactly one repeated field.");
        }

        SchemaNode repeated = list.Children[0];
        bool repeatedIsElement = repeated.IsLeaf
            || repeated.Children.Count != 1
            || repeated.Name == "array"
            || repeated.Name == list.Name + "_tuple";
        FieldMapping element = repeatedIsElement
            ? MapValue(repeated, repeated.RepetitionLevel, repeated.DefinitionLevel, nullable: false)
            : Map(repeated.Children[0], repeated.RepetitionLevel, repeated.DefinitionLevel);
        return new FieldMapping
        {
            Field = new ColumnField(list.Name, ColumnType.List(element.Field), nullable, list.FieldId),
            Shape = FieldShape.List,
            Node = list,
            SlotRepetition = slotRepetition,
            SlotDefinition = slotDefinition,
            PresentDefinition = list.DefinitionLevel,
            Children = [element],
        };
    }

    private static FieldMapping MapMap(SchemaNode map, int slotRepetition, int slotDefinition, bool nullable)
    {
        SchemaNode? entries = map.Children.Count == 1 ? map.Children[0] : null;
        if (entries is null || entries.Repetition != FieldRepetitionType.Repeated || entries.IsLeaf)
        {
            throw new ParquetException($"Parquet schema: map '{map}' must have exactly one repeated group of entries.");
        }

        if (entries.Children.Count != 2)
        {
            throw new ParquetException(
                FloeErrorKind.Unsupported, $"Parquet schema: map '{map}' has {entries.Children.Count} entry fields; a key and a value are expected.");
        }

        FieldMapping key = Map(entries.Children[0], entries.RepetitionLevel, entries.DefinitionLevel);
        FieldMapping value = Map(entries.Children[1], entries.RepetitionLevel, entries.DefinitionLevel);
        return new FieldMapping
        {
            Field = new ColumnField(map.Name, ColumnType.Map(key.Field, value.Field), nullable, map.FieldId),
            Shape = FieldShape.Map,
            Node = map,
            SlotRepetition = slotRepetition,
            SlotDefinition = slotDefinition,
            PresentDefinition = map.DefinitionLevel,
            Children = [key, value],
        };
    }
}
