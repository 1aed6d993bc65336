namespace Floe.Cli.Output;

/// <summary>How a verb prints rows.</summary>
public enum OutputFormat
{
    /// <summary>A readable, aligned text table.</summary>
    Table,

    /// <summary>One JSON object per line.</summary>
    Jsonl,
}
