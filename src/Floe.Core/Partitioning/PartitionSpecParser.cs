using Floe.Core.Schemas;

namespace Floe.Core.Partitioning;

/// <summary>Builds a partition spec from the command-line form, e.g. <c>bucket(16, id), day(ts)</c>.</summary>
public static class PartitionSpecParser
{
    /// <summary>Parses and validates the terms against <paramref name="schema"/>; an empty text is unpartitioned.</summary>
    public static PartitionSpec Parse(Schema schema, string text, int specId = 0)
    {
        var builder = new PartitionSpecBuilder(schema).WithSpecId(specId);
        if (string.IsNullOrWhiteSpace(text))
        {
            return builder.Build();
        }

        foreach (var term in PartitionTerm.ParseList(text))
        {
            builder.Add(term.SourceName, term.Transform, term.TargetName);
        }

        return builder.Build();
    }
}
