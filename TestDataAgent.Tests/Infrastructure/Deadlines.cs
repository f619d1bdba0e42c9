namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// The bounds on every call and wait in the suite: generous, so they only turn a hang into a failure on a loaded
/// two-core machine and never judge speed (speed lives in the benchmarks).
/// </summary>
internal static class Deadlines
{
    /// <summary>For a call or a wait on a running service.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    /// <summary>For work that first loads the embedding model or starts a process.</summary>
    public static readonly TimeSpan SlowStartHang = TimeSpan.FromMinutes(2);

    /// <summary>A gRPC deadline for one call.</summary>
    public static DateTime Call() => DateTime.UtcNow.Add(Hang);

    /// <summary>A gRPC deadline for a call that may first load the embedding model.</summary>
    public static DateTime SlowStartCall() => DateTime.UtcNow.Add(SlowStartHang);
}
