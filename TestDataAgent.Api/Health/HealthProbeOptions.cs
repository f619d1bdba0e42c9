using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Health;

/// <summary>Health reporting, bound from the <c>Health</c> section and validated at start.</summary>
public sealed class HealthProbeOptions
{
    public const string SectionName = "Health";

    /// <summary>
    /// How long a probe of an outside system (Redis, the vector store, each LLM provider) is reused, so any number of
    /// health calls in that time cost each system one probe. 0 probes on every call.
    /// </summary>
    [Range(0, 300)]
    public int ProbeCacheSeconds { get; set; } = 5;
}
