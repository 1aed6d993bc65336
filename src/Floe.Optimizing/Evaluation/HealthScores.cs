using Floe.Optimizing.Config;

namespace Floe.Optimizing.Evaluation;

/// <summary>The 0–100 health score of a partition or table: small-file share 40, equality deletes 40, position deletes 20.</summary>
public static class HealthScores
{
    public static double Score(int dataFiles, long dataBytes, long dataRecords, long equalityDeleteRecords, long positionDeletedRecords, OptimizingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (dataFiles == 0)
        {
            return 100;
        }

        double average = (double)dataBytes / dataFiles;
        double sizeScore = 40 * Math.Min(1, average / Math.Max(1, config.MinTargetSize));
        double records = Math.Max(1, dataRecords);
        double equalityScore = 40 * (1 - Math.Min(1, equalityDeleteRecords / records));
        double positionScore = 20 * (1 - Math.Min(1, positionDeletedRecords / records));
        return Math.Round(sizeScore + equalityScore + positionScore, 1);
    }
}
