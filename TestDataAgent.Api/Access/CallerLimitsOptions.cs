using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Access;

/// <summary>One caller's limits; 0 means unlimited. All are counted across replicas when Redis is configured (<see cref="CallerRequestRate"/>, <see cref="CallerQuota"/>).</summary>
public class CallerLimitsOptions
{
    /// <summary>Calls per second (one-second windows shared in Redis, else a token bucket per replica); 0: unlimited.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecond { get; set; }

    /// <summary>Records generated per UTC day, counted when a generation call is admitted; 0: unlimited.</summary>
    [Range(0, long.MaxValue)]
    public long RecordsPerDay { get; set; }

    /// <summary>Model tokens spent per UTC day; once reached, calls a model may serve are refused until the day ends; 0: unlimited.</summary>
    [Range(0, long.MaxValue)]
    public long LlmTokensPerDay { get; set; }

    /// <summary>
    /// The caller's RAG and hybrid requests draw only from patterns it recorded itself plus the shared corpus (patterns
    /// without an owner: the seeds); false: from every caller's patterns.
    /// </summary>
    public bool OwnPatternsOnly { get; set; }
}
