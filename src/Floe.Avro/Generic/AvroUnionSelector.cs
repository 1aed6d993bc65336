using System.Collections;
using Floe.Avro.Schemas;
using Floe.Common.Errors;

namespace Floe.Avro.Generic;

/// <summary>Chooses the union branch that a generic datum is written with.</summary>
public static class AvroUnionSelector
{
    /// <summary>The index of the branch of <paramref name="union"/> that fits <paramref name="value"/>.</summary>
    /// <exception cref="AvroException">No branch fits.</exception>
    public static int Select(UnionSchema union, object? value)
    {
        AvroSchema[] branches = union.BranchArray;
        if (value is null)
        {
            return union.NullIndex >= 0 ? union.NullIndex : Fail(union, value);
        }

        // Exact kinds first, then the widening a writer may apply (int into long, float into double, ...).
        int exact = FindFirst(branches, value, exact: true);
        if (exact >= 0)
        {
            return exact;
        }

        int widened = FindFirst(branches, value, exact: false);
        return widened >= 0 ? widened : Fail(union, value);
    }

    private static int FindFirst(AvroSchema[] branches, object value, bool exact)
    {
        for (int i = 0; i < branches.Length; i++)
        {
            if (Fits(branches[i], value, exact))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Fits(AvroSchema branch, object value, bool exact) => (branch.Kind, value) switch
    {
        (AvroTypeKind.Boolean, bool) => true,
        (AvroTypeKind.Int, int) => true,
        (AvroTypeKind.Long, long) => true,
        (AvroTypeKind.Long, int) => !exact,
        (AvroTypeKind.Float, float) => true,
        (AvroTypeKind.Double, double) => true,
        (AvroTypeKind.Double, float or int or long) => !exact,
        (AvroTypeKind.Float, int or long) => !exact,
        (AvroTypeKind.Bytes, byte[]) => true,
        (AvroTypeKind.String, string) => true,
        (AvroTypeKind.Fixed, AvroFixed f) => exact ? ((FixedSchema)branch).MatchesName(f.Schema.FullName) : f.Value.Length == ((FixedSchema)branch).Size,
        (AvroTypeKind.Fixed, byte[] b) => !exact && b.Length == ((FixedSchema)branch).Size,
        (AvroTypeKind.Enum, AvroEnumValue e) => exact ? ((EnumSchema)branch).MatchesName(e.Schema.FullName) : ((EnumSchema)branch).IndexOf(e.Symbol) >= 0,
        (AvroTypeKind.Enum, string s) => !exact && ((EnumSchema)branch).IndexOf(s) >= 0,
        (AvroTypeKind.Record, AvroRecord r) => !exact || ((RecordSchema)branch).MatchesName(r.Schema.FullName),
        (AvroTypeKind.Map, IDictionary) => true,
        (AvroTypeKind.Array, IList and not byte[]) => true,
        _ => false,
    };

    private static int Fail(UnionSchema union, object? value) =>
        throw new AvroException(FloeErrorKind.InvalidArgument,
            $"a value of type {value?.GetType().Name ?? "null"} fits no branch of the union {union.DisplayName}");
}
