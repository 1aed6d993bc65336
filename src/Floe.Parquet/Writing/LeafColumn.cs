using System.Numerics;
using Floe.Common.Columnar;
using Floe.Parquet.Metadata;
using Floe.Parquet.Writing.Pages;

namespace Floe.Parquet.Writing;

/// <summary>
/// What the writer needs to know of one leaf column: where it sits in the batch (top-level column and child
/// ordinals for striping), its levels, and how its values map to a physical type.
/// </summary>
internal sealed record LeafColumn(
    int TopLevelIndex,
    int[] OrdinalPath,
    IReadOnlyList<string> Path,
    ColumnField Field,
    int MaxDefinitionLevel,
    int MaxRepetitionLevel,
    PhysicalType PhysicalType,
    int TypeLength,
    ValueKind ValueKind)
{
    /// <summary>The dotted Parquet path, e.g. <c>tags.list.element</c>.</summary>
    public string DottedPath { get; } = string.Join('.', Path);

    /// <summary>Flattens <paramref name="fields"/> depth-first into leaves, in schema order.</summary>
    public static List<LeafColumn> Flatten(IReadOnlyList<ColumnField> fields)
    {
        var leaves = new List<LeafColumn>();
        for (int i = 0; i < fields.Count; i++)
        {
            Visit(fields[i], i, [], [fields[i].Name], 0, 0, leaves);
        }

        return leaves;
    }

    /// <summary>FIXED_LEN_BYTE_ARRAY width of a decimal: the fewest bytes whose two's complement holds 10^precision - 1.</summary>
    public static int DecimalByteWidth(int precision)
    {
        BigInteger largest = BigInteger.Pow(10, precision) - 1;
        int bytes = 1;
        while ((BigInteger.One << ((8 * bytes) - 1)) <= largest)
        {
            bytes++;
        }

        return bytes;
    }

    private static void Visit(ColumnField field, int top, List<int> ordinals, List<string> path, int def, int rep, List<LeafColumn> leaves)
    {
        if (field.Nullable)
        {
            def++;
        }

        ColumnType type = field.Type;
        switch (type.Kind)
        {
            case ColumnKind.Struct:
                for (int i = 0; i < type.Children.Count; i++)
                {
                    Visit(type.Children[i], top, [.. ordinals, i], [.. path, type.Children[i].Name], def, rep, leaves);
                }

                return;
            case ColumnKind.List:
                Visit(type.Children[0], top, [.. ordinals, 0], [.. path, "list", "element"], def + 1, rep + 1, leaves);
                return;
            case ColumnKind.Map:
                // Parquet map keys are always required, whatever the field says; a null key is rejected when striping.
                Visit(type.Children[0] with { Nullable = false }, top, [.. ordinals, 0], [.. path, "key_value", "key"], def + 1, rep + 1, leaves);
                Visit(type.Children[1], top, [.. ordinals, 1], [.. path, "key_value", "value"], def + 1, rep + 1, leaves);
                return;
        }

        (PhysicalType physical, int length, ValueKind kind) = type.Kind switch
        {
            ColumnKind.Boolean => (PhysicalType.Boolean, 0, ValueKind.Boolean),
            ColumnKind.Int32 or ColumnKind.Date => (PhysicalType.Int32, 0, ValueKind.Int32),
            ColumnKind.Int64 or ColumnKind.Time or ColumnKind.Timestamp => (PhysicalType.Int64, 0, ValueKind.Int64),
            ColumnKind.Float32 => (PhysicalType.Float, 0, ValueKind.Float),
            ColumnKind.Float64 => (PhysicalType.Double, 0, ValueKind.Double),
            ColumnKind.Decimal when type.Precision <= 9 => (PhysicalType.Int32, 0, ValueKind.DecimalInt32),
            ColumnKind.Decimal when type.Precision <= 18 => (PhysicalType.Int64, 0, ValueKind.DecimalInt64),
            ColumnKind.Decimal => (PhysicalType.FixedLenByteArray, DecimalByteWidth(type.Precision), ValueKind.DecimalFixed),
            ColumnKind.String or ColumnKind.Binary => (PhysicalType.ByteArray, 0, ValueKind.ByteArray),
            ColumnKind.FixedBinary or ColumnKind.Uuid => (PhysicalType.FixedLenByteArray, type.ByteWidth, ValueKind.FixedBytes),
            _ => throw new ArgumentOutOfRangeException(nameof(field), type.Kind, "unknown column kind"),
        };
        leaves.Add(new LeafColumn(top, [.. ordinals], [.. path], field, def, rep, physical, length, kind));
    }
}
