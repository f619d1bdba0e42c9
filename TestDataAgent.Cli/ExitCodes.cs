namespace TestDataAgent.Cli;

/// <summary>What <c>testdata</c> returns to the shell (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>Anything else: generation failed part-way, the output could not be written.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the request is invalid (unknown entity, bad count, unknown format or locale).</summary>
    public const int InvalidInput = 2;
}
