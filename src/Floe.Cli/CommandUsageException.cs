namespace Floe.Cli;

/// <summary>A command line that parsed but asks for something contradictory or out of range.</summary>
public sealed class CommandUsageException : Exception
{
    public CommandUsageException(string message)
        : base(message)
    {
    }

    public CommandUsageException()
        : base("invalid command line")
    {
    }

    public CommandUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
