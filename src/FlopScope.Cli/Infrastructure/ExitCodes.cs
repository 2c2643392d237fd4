namespace FlopScope.Cli.Infrastructure;

/// <summary>Documented exit codes of the flopscope command.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>The run worked but a check failed: a budget is broken, or --strict found uncounted ops.</summary>
    public const int CheckFailed = 1;

    /// <summary>Bad input: missing or invalid model, bad option, unbound dimension, impossible shape.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected failure inside FlopScope: a bug, reported as one line (set FLOPSCOPE_DEBUG=1 for the trace).</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted by Ctrl+C.</summary>
    public const int Interrupted = 130;
}
