namespace TestDataAgent.Benchmarks.Load;

/// <summary>One measured call: its error (<see langword="null"/> when it succeeded) and the server's own time for it, when it reports one.</summary>
internal readonly record struct CallOutcome(string? Error, double ServerMilliseconds = 0)
{
    public static CallOutcome Success(double serverMilliseconds = 0) => new(null, serverMilliseconds);
}
