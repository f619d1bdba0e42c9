using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Caching;

/// <summary>
/// A unary response as the cache keeps it: the data and what reproduces it (seed, reference time), and the models that
/// wrote it (a hit used no tokens, so none are kept).
/// </summary>
public sealed record CachedResponse(
    string Data,
    int RecordCount,
    GenerationPath Path,
    GenerationPath RequestedPath,
    string RoutingReason,
    long Seed,
    DateTimeOffset ReferenceTime,
    double CoherenceScore,
    Dictionary<string, int> ScenarioCounts,
    List<string> Warnings,
    string LlmModel = "");
