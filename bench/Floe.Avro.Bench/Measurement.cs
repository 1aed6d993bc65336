using System.Diagnostics;

namespace Floe.Avro.Bench;

/// <summary>
/// Times an action: warm-up runs first, then repeated runs for a time budget. Reports the fastest run, the estimate
/// least disturbed by other work on a shared machine, and the median for comparison.
/// </summary>
public static class Measurement
{
    public static (TimeSpan Fastest, TimeSpan Median) Run(Action action, int warmups = 2, double budgetSeconds = 1.5, int maxRuns = 15)
    {
        for (int i = 0; i < warmups; i++)
        {
            action();
        }

        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 3 || (total.Elapsed.TotalSeconds < budgetSeconds && times.Count < maxRuns))
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return (TimeSpan.FromSeconds(times[0]), TimeSpan.FromSeconds(times[times.Count / 2]));
    }
}
