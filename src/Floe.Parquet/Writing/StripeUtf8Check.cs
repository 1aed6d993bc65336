using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Common.Text;
using Floe.Parquet.Writing.Levels;

namespace Floe.Parquet.Writing;

/// <summary>
/// Refuses a text leaf whose values to be written are not valid UTF-8, before any of the batch reaches a page, so
/// no file Floe writes holds invalid text under a STRING annotation.
/// </summary>
internal static class StripeUtf8Check
{
    public static void Check(LeafColumn leaf, LeafStripe stripe)
    {
        if (leaf.Field.Type.Kind != ColumnKind.String || stripe.ValueCount == 0)
        {
            return;
        }

        var vector = (BinaryVector)stripe.Leaf!;
        ReadOnlySpan<int> offsets = vector.Offsets;
        ReadOnlySpan<byte> data = vector.Data;

        // The usual case: the whole vector is valid, checked at once (it covers every value to be written).
        int invalid = Utf8Values.FindInvalid(data, offsets[1..], 0);
        if (invalid < 0)
        {
            return;
        }

        // Some row is invalid; refuse only if it is one being written (nulls and unselected rows are not).
        if (stripe.ValuesAreDense)
        {
            if (invalid < stripe.ValueCount)
            {
                throw Invalid(leaf, invalid, vector.GetBytes(invalid));
            }

            return;
        }

        foreach (int row in stripe.ValueRows)
        {
            ReadOnlySpan<byte> value = vector.GetBytes(row);
            if (!System.Text.Unicode.Utf8.IsValid(value))
            {
                throw Invalid(leaf, row, value);
            }
        }
    }

    private static FloeException Invalid(LeafColumn leaf, int row, ReadOnlySpan<byte> value) => new(
        FloeErrorKind.InvalidArgument,
        $"column '{leaf.DottedPath}', row {row}: the string is not valid UTF-8 ({Utf8Values.DescribeInvalid(value)}); string columns hold UTF-8 text, binary columns any bytes.");
}
