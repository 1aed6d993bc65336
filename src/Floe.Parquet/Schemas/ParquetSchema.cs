using Floe.Common.Columnar;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Schemas;

/// <summary>
/// A Parquet schema: the tree of <see cref="SchemaNode"/>s built from the footer's flattened
/// <see cref="SchemaElement"/> list, its leaf <see cref="ColumnDescriptor"/>s in file order, and the top-level
/// columnar <see cref="Fields"/> the file reads into.
/// </summary>
public sealed class ParquetSchema
{
    /// <summary>Schemas nest at most this deep; deeper ones are rejected as hostile.</summary>
    public const int MaxDepth = 100;

    private readonly FieldMapping[] _mappings;

    private ParquetSchema(SchemaNode root, IReadOnlyList<SchemaElement> elements, List<ColumnDescriptor> columns)
    {
        Root = root;
        Elements = elements;
        Columns = columns;
        _mappings = [.. root.Children.Select(child => SchemaFieldMapper.Map(child, 0, 0))];
        Fields = [.. _mappings.Select(m => m.Field)];
    }

    public SchemaNode Root { get; }

    /// <summary>The flattened elements, depth first, root first.</summary>
    public IReadOnlyList<SchemaElement> Elements { get; }

    /// <summary>The leaf columns in file order.</summary>
    public IReadOnlyList<ColumnDescriptor> Columns { get; }

    /// <summary>The top-level fields with columnar types (structs, lists and maps for groups).</summary>
    public IReadOnlyList<ColumnField> Fields { get; }

    internal IReadOnlyList<FieldMapping> Mappings => _mappings;

    /// <summary>Builds the tree from a footer's schema elements, validating child counts and leaf types.</summary>
    public static ParquetSchema FromElements(IReadOnlyList<SchemaElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (elements.Count == 0)
        {
            throw new ParquetException("Parquet schema: the schema has no elements.");
        }

        if (elements[0].NumChildren is not int rootChildren)
        {
            throw new ParquetException("Parquet schema: the first schema element is not a group.");
        }

        var root = new SchemaNode(elements[0], null);
        int next = 1;
        var columns = new List<ColumnDescriptor>();
        AddChildren(root, rootChildren, elements, ref next, columns, depth: 1);
        if (next != elements.Count)
        {
            throw new ParquetException(
                $"Parquet schema: the root's children end at element {next} but there are {elements.Count} elements.");
        }

        return new ParquetSchema(root, elements, columns);
    }

    /// <summary>
    /// Builds a schema for columnar fields as Iceberg writes them (see <see cref="SchemaElementBuilder"/>).
    /// </summary>
    public static ParquetSchema FromFields(IReadOnlyList<ColumnField> fields, string rootName = "schema") =>
        FromElements(SchemaElementBuilder.Build(fields, rootName));

    /// <summary>The leaf column with the dotted path <paramref name="dottedPath"/>, or null.</summary>
    public ColumnDescriptor? FindColumn(string dottedPath) =>
        Columns.FirstOrDefault(c => string.Equals(c.DottedPath, dottedPath, StringComparison.Ordinal));

    /// <summary>The index of the top-level field named <paramref name="name"/>, or -1.</summary>
    public int IndexOfField(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the top-level field with field id <paramref name="fieldId"/>, or -1.</summary>
    public int IndexOfFieldId(int fieldId)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].FieldId == fieldId)
            {
                return i;
            }
        }

        return -1;
    }

    private static void AddChildren(
        SchemaNode parent, int count, IReadOnlyList<SchemaElement> elements, ref int next, List<ColumnDescriptor> columns, int depth)
    {
        if (count < 0 || count > elements.Count - next)
        {
            throw new ParquetException(
                $"Parquet schema: group '{(parent.Parent is null ? parent.Name : parent.ToString())}' claims {count} children but only {elements.Count - next} elements follow.");
        }

        if (depth > MaxDepth)
        {
            throw new ParquetException($"Parquet schema: groups nest deeper than {MaxDepth} levels at '{parent}'.");
        }

        for (int i = 0; i < count; i++)
        {
            if (next >= elements.Count)
            {
                throw new ParquetException(
                    $"Parquet schema: group '{(parent.Parent is null ? parent.Name : parent.ToString())}' claims {count} children but the elements end after {i}.");
            }

            SchemaElement element = elements[next++];
            var node = new SchemaNode(element, parent);
            parent.AddChild(node);
            if (!SchemaNode.IsLeafElement(element))
            {
                AddChildren(node, element.NumChildren!.Value, elements, ref next, columns, depth + 1);
            }
            else
            {
                (ColumnType type, ValueConversion conversion) = LeafTypeMapper.Map(node);
                var column = new ColumnDescriptor(columns.Count, node, type, conversion);
                node.Column = column;
                columns.Add(column);
            }
        }
    }
}
