using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Reading;

/// <summary>What a primary-key table's query merges: its base files, the delete files on them, its change files, and the base files' rows.</summary>
internal sealed record QueryShape(double BaseFiles, double DeleteFiles, double ChangeFiles, double BaseRows)
{
    public static async Task<QueryShape> OfAsync(PrimaryKeyTable table, CancellationToken cancellationToken)
    {
        IReadOnlyList<MergeTask> plan = await table.NewScan().PlanAsync(cancellationToken);
        return new(
            plan.Sum(t => t.BaseFiles.Count),
            plan.SelectMany(t => t.BaseFiles).SelectMany(f => f.Deletes).Select(d => d.FilePath).Distinct(StringComparer.Ordinal).Count(),
            plan.Sum(t => t.ChangeFiles.Count),
            plan.SelectMany(t => t.BaseFiles).Sum(f => f.File.RecordCount));
    }

    /// <summary>Each count's median over the tables (NaN for none).</summary>
    public static QueryShape Median(IReadOnlyList<QueryShape> shapes) => new(
        SoakMonitor.Percentile([.. shapes.Select(s => s.BaseFiles)], 0.5),
        SoakMonitor.Percentile([.. shapes.Select(s => s.DeleteFiles)], 0.5),
        SoakMonitor.Percentile([.. shapes.Select(s => s.ChangeFiles)], 0.5),
        SoakMonitor.Percentile([.. shapes.Select(s => s.BaseRows)], 0.5));
}
