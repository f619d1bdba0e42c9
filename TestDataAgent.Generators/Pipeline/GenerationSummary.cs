using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>What a response says about how it was made.</summary>
public sealed record GenerationSummary
{
    public GenerationPath Path { get; init; }
    public GenerationPath RequestedPath { get; init; }
    public string RoutingReason { get; init; } = "";
    public long Seed { get; init; }
    public DateTimeOffset ReferenceTime { get; init; }
    public double GenerationTimeMs { get; init; }
    public double CoherenceScore { get; init; }
    public IReadOnlyDictionary<string, int> ScenarioCounts { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public int LlmTokensUsed { get; init; }
    public string LlmModel { get; init; } = "";
    public bool CacheHit { get; init; }
}
