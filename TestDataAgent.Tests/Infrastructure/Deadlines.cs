namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// The one bound on every call and wait in the suite: generous, so it only turns a hang into a failure on a loaded
/// two-core machine and never judges speed (speed lives in the benchmarks).
/// </summary>
internal static class Deadlines
{
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>A gRPC deadline for one call.</summary>
    public static DateTime Call() => DateTime.UtcNow.Add(Hang);
}
