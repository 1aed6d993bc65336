namespace Floe.Cli;

/// <summary>Process exit codes of the <c>floe</c> command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;
}
