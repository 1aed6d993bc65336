using System.Globalization;

/// <summary>The soak's command line: <c>--name value</c> pairs, each with the default the plan's full run uses.</summary>
internal sealed record SoakSettings
{
    public int Minutes { get; init; } = 30;

    /// <summary>Primary-key tables (upserts).</summary>
    public int Tables { get; init; } = 30;

    /// <summary>Plain append-only tables.</summary>
    public int AppendTables { get; init; } = 3;

    /// <summary>Rows per second over all tables, outside bursts.</summary>
    public int Rate { get; init; } = 2_000;

    /// <summary>How much faster the writer goes during the burst of each minute.</summary>
    public int Burst { get; init; } = 10;

    /// <summary>Seconds of each minute at <see cref="Burst"/> times the rate (from second 30).</summary>
    public int BurstSeconds { get; init; } = 5;

    /// <summary>Keys of each primary-key table; every table starts with all of them loaded.</summary>
    public int Keys { get; init; } = 20_000;

    /// <summary>Each table gets one commit every this many seconds.</summary>
    public int CommitSeconds { get; init; } = 5;

    /// <summary>The primary-key tables' <c>base.file-index.hash-bucket</c> (null: the table default).</summary>
    public int? BaseBuckets { get; init; }

    public bool Maintenance { get; init; } = true;

    /// <summary>Timed runs of the query on the table and on its copy each minute.</summary>
    public int Repeat { get; init; } = 3;

    public static SoakSettings Parse(string[] args)
    {
        var settings = new SoakSettings();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            settings = name switch
            {
                "--minutes" => settings with { Minutes = Positive(name, value) },
                "--tables" => settings with { Tables = Positive(name, value) },
                "--append-tables" => settings with { AppendTables = NonNegative(name, value) },
                "--rate" => settings with { Rate = Positive(name, value) },
                "--burst" => settings with { Burst = Positive(name, value) },
                "--burst-seconds" => settings with { BurstSeconds = NonNegative(name, value) },
                "--keys" => settings with { Keys = Positive(name, value) },
                "--commit-seconds" => settings with { CommitSeconds = Positive(name, value) },
                "--repeat" => settings with { Repeat = Positive(name, value) },
                "--base-buckets" => settings with { BaseBuckets = Positive(name, value) },
                "--maintenance" => settings with
                {
                    Maintenance = value switch
                    {
                        "on" => true,
                        "off" => false,
                        _ => throw new ArgumentException($"--maintenance takes on or off, not '{value}'."),
                    },
                },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return settings;
    }

    /// <summary>Rows the writer puts into each table per second at second <paramref name="second"/> of a minute.</summary>
    public double RowsPerTablePerSecond(int second)
    {
        bool burst = second >= 30 && second < 30 + BurstSeconds;
        return (double)Rate * (burst ? Burst : 1) / (Tables + AppendTables);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive integer, not '{value}'.");

    private static int NonNegative(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : throw new ArgumentException($"{name} takes a non-negative integer, not '{value}'.");
}
