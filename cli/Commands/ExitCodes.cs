namespace Pricer.Cli.Commands;

/// <summary>The exit codes every verb uses (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad input or a failure: nothing (or, for partial work, nothing new) was written.</summary>
    public const int Failure = 1;

    /// <summary>The command line itself is wrong: unknown verb or option, missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The exit code of a library failure: <see cref="Usage"/> for a pricer kind's option that is unknown or malformed
    /// (as for the verbs' own options), else <see cref="Failure"/>.</summary>
    public static int For(PricerLib.PricerException e) => e is PricerLib.Pricers.PricerOptionException ? Usage : Failure;

    /// <summary>Interrupted by SIGINT or SIGTERM (128 + SIGINT, as shells report it); temp files were removed.</summary>
    public const int Interrupted = 130;
}
