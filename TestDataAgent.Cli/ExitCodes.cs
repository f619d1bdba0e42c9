namespace TestDataAgent.Cli;

/// <summary>What <c>testdata</c> returns to the shell (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked (for <c>validate</c>: every record is valid).</summary>
    public const int Ok = 0;

    /// <summary>
    /// Anything else: generation failed part-way, the output could not be written, a dataset has orphans; for
    /// <c>validate</c>, the records break at least one rule (<see cref="DataInvalid"/>).
    /// </summary>
    public const int Failure = 1;

    /// <summary><c>testdata validate</c>: the data was read and checked, and at least one record breaks a rule.</summary>
    public const int DataInvalid = 1;

    /// <summary>The command line or the request is invalid (unknown entity, bad count, unknown format or locale, a bad constraint).</summary>
    public const int InvalidInput = 2;

    /// <summary>The server could not be reached, refused the credentials, or failed the call (any status but INVALID_ARGUMENT).</summary>
    public const int ServerFailure = 3;
}
