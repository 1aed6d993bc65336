using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Sql.Syntax;

namespace Floe.Sql;

/// <summary>Partition text: comma-separated transform terms, e.g. <c>bucket(16, id), day(ts) as d, region</c>.</summary>
public static class SqlPartition
{
    /// <summary>Parses and builds a spec against <paramref name="schema"/>; blank text is the unpartitioned spec.</summary>
    /// <param name="text">The terms.</param>
    /// <param name="schema">The table schema.</param>
    /// <param name="specId">The id of the new spec.</param>
    /// <param name="subject">What error messages call the text, e.g. <c>--partition-by</c>.</param>
    public static PartitionSpec Parse(string text, Schema schema, int specId = 0, string subject = "partition spec")
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new PartitionSpecBuilder(schema).WithSpecId(specId);
        var cursor = new SqlCursor(text, subject);
        if (cursor.AtEnd)
        {
            return builder.Build();
        }

        cursor.CommaList(() =>
        {
            SqlToken start = cursor.Peek();
            TransformTerm term = SqlTransform.ParseTerm(cursor, schema);
            Placed(cursor, start, () => builder.Add(term.SourceName, term.Transform, term.TargetName));
            return term;
        });
        cursor.ExpectEnd();
        return builder.Build();
    }

    /// <summary>Parses the terms without building a spec (for partition evolution, which names fields against older specs).</summary>
    public static IReadOnlyList<TransformTerm> ParseTerms(string text, Schema? schema = null, string subject = "partition spec")
    {
        var cursor = new SqlCursor(text, subject);
        List<TransformTerm> terms = cursor.CommaList(() => SqlTransform.ParseTerm(cursor, schema));
        cursor.ExpectEnd();
        return terms;
    }

    /// <summary>Runs a builder step; what it refuses is reported at the term it came from.</summary>
    internal static void Placed<T>(SqlCursor cursor, SqlToken start, Func<T> step)
    {
        try
        {
            step();
        }
        catch (FloeException e) when (e is not SqlTextException)
        {
            throw cursor.Error(e.Message.TrimEnd('.'), start);
        }
    }
}
