using System.CommandLine;

namespace Floe.Cli.Output;

/// <summary>Options shared by verbs that print rows.</summary>
public static class CommonOptions
{
    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output format: table (readable) or jsonl (one JSON object per line).",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<long?> Limit() => new("--limit")
    {
        Description = "Print at most this many rows.",
        Validators =
        {
            result =>
            {
                long? value = result.GetValueOrDefault<long?>();
                if (value is < 0)
                {
                    result.AddError("--limit must be zero or more.");
                }
            },
        },
    };
}
