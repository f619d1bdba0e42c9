using System.Globalization;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>What a measured closed-loop phase came to; <paramref name="Latencies"/> (ms) are sorted.</summary>
internal sealed record LoadMeasurement(List<double> Latencies, int Errors, string? FirstError, double ServerMilliseconds, TimeSpan Elapsed,
    TimeSpan Cpu, TimeSpan Paused, int Collections)
{
    public int Calls => Latencies.Count;

    public double RequestsPerSecond => Calls / Elapsed.TotalSeconds;

    public double CpuPerCallMilliseconds => Calls > 0 ? Cpu.TotalMilliseconds / Calls : 0;

    public double ServerMeanMilliseconds => Calls > 0 ? ServerMilliseconds / Calls : 0;

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double percent) =>
        Calls == 0 ? 0 : Latencies[Math.Clamp((int)Math.Ceiling(percent / 100 * Calls) - 1, 0, Calls - 1)];

    /// <summary>The lines every unary-like phase prints: calls, latency, CPU and GC.</summary>
    public void Print(string name, LoadOptions options, int channels, bool reportsServerTime)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {Calls:N0} calls in {Elapsed.TotalSeconds:N2} s ({options.Concurrency} callers on {channels} channel(s)), {Errors} errors") +
            (FirstError is null ? "" : $"; first: {FirstError}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  latency ms: p50 {Percentile(50):N2}, p95 {Percentile(95):N2}, p99 {Percentile(99):N2}, max {(Calls > 0 ? Latencies[^1] : 0):N2}, " +
            $"mean {(Calls > 0 ? Latencies.Average() : 0):N2}") + (reportsServerTime ? string.Create(CultureInfo.InvariantCulture, $"; server generation time mean {ServerMeanMilliseconds:N2} ms") : ""));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU {Cpu.TotalSeconds:N1} s ({Cpu / Elapsed:N2} cores), {CpuPerCallMilliseconds:N2} ms per call (server and client when in process); " +
            $"{Collections} GCs, paused {Paused.TotalMilliseconds:N0} ms ({Paused / Elapsed:P1} of the run); load average after {ProcessMemory.LoadAverage()}"));
    }
}
