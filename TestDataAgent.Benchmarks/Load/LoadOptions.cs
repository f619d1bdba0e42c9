using System.Globalization;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Benchmarks.Load;

/// <summary>The load driver's command line: <c>--name value</c> pairs after the scenario name.</summary>
internal sealed record LoadOptions
{
    public required string Scenario { get; init; }

    public string Entity { get; init; } = "user";

    public int Count { get; init; }

    public string Format { get; init; } = "json";

    public long? Seed { get; init; }

    public int Concurrency { get; init; } = 32;

    public int Channels { get; init; } = 1;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Unary calls made before measuring. Tiered compilation and dynamic PGO keep recompiling the service's methods for
    /// tens of seconds under load (with 3 s, `perf` still found 11 % of the CPU in the JIT at 9–19 s): 30 s reaches the
    /// steady state a running service is in (60 s measured the same).
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    public long MaxRequests { get; init; } = 10_000_000;

    public TimeSpan Timeout { get; init; }

    /// <summary>An already running server; <see langword="null"/> hosts the Api in this process.</summary>
    public Uri? Target { get; init; }

    /// <summary>The key sent as <c>x-api-key</c> to a <see cref="Target"/>; the in-process Api makes its own.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Stream and unary: read <c>data</c> as bytes (<c>bytes</c>, as the echo's reply is read) or through the generated client's strings (<c>strings</c>).</summary>
    public string ClientDecode { get; init; } = "bytes";

    public LogLevel ServerLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Records of an unmeasured stream made first, so the measured one does not pay for JIT and first-use costs.</summary>
    public int WarmupRecords { get; init; } = 500_000;

    /// <summary>Unary: also measure the bare gRPC echo with messages as large, in the same run (the transport's ceiling).</summary>
    public bool Echo { get; init; } = true;

    /// <summary>Configuration for the in-process Api (<c>Generation:ChunkMaxBytes=32768</c>), to try settings without a rebuild.</summary>
    public IReadOnlyDictionary<string, string?> ServerConfiguration { get; init; } = new Dictionary<string, string?>();

    public static LoadOptions Parse(string scenario, IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[++i];
        }

        var stream = scenario == "stream";
        var options = new LoadOptions
        {
            Scenario = scenario,
            Entity = Take(values, "entity") ?? "user",
            Count = Int(values, "count", stream ? 1_000_000 : 10, 1, int.MaxValue),
            Format = (Take(values, "format") ?? "json").ToLowerInvariant(),
            Seed = Take(values, "seed") is { } seed ? long.Parse(seed, CultureInfo.InvariantCulture) : null,
            Concurrency = Int(values, "concurrency", 32, 1, 4096),
            Channels = Int(values, "channels", 1, 1, 256),
            Duration = TimeSpan.FromSeconds(Int(values, "duration", 20, 1, 3600)),
            Warmup = TimeSpan.FromSeconds(Int(values, "warmup", 30, 0, 600)),
            MaxRequests = Int(values, "max-requests", 10_000_000, 1, int.MaxValue),
            Timeout = TimeSpan.FromSeconds(Int(values, "timeout", stream ? 600 : 30, 1, 86_400)),
            Target = Take(values, "target") is { } target ? LoopbackTarget(target) : null,
            ApiKey = Take(values, "api-key"),
            ClientDecode = Take(values, "client-decode") ?? "bytes",
            ServerLogLevel = Take(values, "server-log-level") is { } level ? Enum.Parse<LogLevel>(level, ignoreCase: true) : LogLevel.Warning,
            WarmupRecords = Int(values, "warmup-records", 500_000, 0, int.MaxValue),
            ServerConfiguration = Take(values, "server-config") is { } settings ? Settings(settings) : new Dictionary<string, string?>(),
            Echo = scenario == "echo" || (scenario == "unary" && OnOff(values, "echo", fallback: true)),
        };

        if (options.Format is not ("json" or "ndjson"))
        {
            throw new ArgumentException($"--format must be json or ndjson (records are counted by their \"_index\"), got '{options.Format}'");
        }

        if (options.ClientDecode is not ("bytes" or "strings"))
        {
            throw new ArgumentException($"--client-decode must be bytes or strings, got '{options.ClientDecode}'");
        }

        if (values.Count > 0)
        {
            throw new ArgumentException($"unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}");
        }

        return options;
    }

    private static Uri LoopbackTarget(string text)
    {
        // The driver only ever talks to this machine: it is a measuring tool, not a way to load someone else's server.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.IsLoopback)
        {
            throw new ArgumentException($"--target must be an http(s) URL on a loopback address (127.0.0.1, [::1], localhost), got '{text}'");
        }

        return uri;
    }

    private static Dictionary<string, string?> Settings(string text)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--server-config takes 'Key=value;Key=value', got '{pair}'");
            }

            settings[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return settings;
    }

    private static bool OnOff(Dictionary<string, string> values, string name, bool fallback) => Take(values, name) switch
    {
        null => fallback,
        "on" or "true" => true,
        "off" or "false" => false,
        var text => throw new ArgumentException($"--{name} must be on or off, got '{text}'"),
    };

    private static string? Take(Dictionary<string, string> values, string name) =>
        values.Remove(name, out var value) ? value : null;

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (Take(values, name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}, got '{text}'");
    }
}
