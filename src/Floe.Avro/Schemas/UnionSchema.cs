namespace Floe.Avro.Schemas;

/// <summary>A union of branches; a value is written as the branch index followed by the branch's encoding.</summary>
public sealed class UnionSchema : AvroSchema
{
    public UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroTypeKind.Union, null)
    {
        BranchArray = [.. branches];
        Branches = BranchArray;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        NullIndex = -1;
        for (int i = 0; i < Branches.Count; i++)
        {
            AvroSchema branch = Branches[i];
            if (branch.Kind == AvroTypeKind.Union)
            {
                throw new AvroException("a union may not directly contain another union");
            }

            if (!seen.Add(branch.DisplayName))
            {
                throw new AvroException($"a union has two branches of type '{branch.DisplayName}'");
            }

            if (branch.Kind == AvroTypeKind.Null)
            {
                NullIndex = i;
            }
        }
    }

    public IReadOnlyList<AvroSchema> Branches { get; }

    internal AvroSchema[] BranchArray { get; }

    /// <summary>The index of the null branch, or -1.</summary>
    public int NullIndex { get; }

    /// <summary>For the common <c>["null", T]</c> / <c>[T, "null"]</c> shape, T; otherwise null.</summary>
    public AvroSchema? NullableOf =>
        Branches.Count == 2 && NullIndex >= 0 ? Branches[1 - NullIndex] : null;

    /// <inheritdoc />
    public override string DisplayName => "[" + string.Join(",", Branches.Select(b => b.DisplayName)) + "]";
}
