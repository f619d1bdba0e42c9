using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Access;

/// <summary>One caller's limits; 0 means unlimited. Requests per second are counted per replica, the daily quotas across replicas when Redis is configured.</summary>
public class CallerLimitsOptions
{
    /// <summary>Calls per second (a token bucket that refills every second); 0: unlimited.</summary>
    [Range(0, 1_000_000)]
    public int RequestsPerSecond { get; set; }

    /// <summary>Records generated per UTC day, counted when a generation call is admitted; 0: unlimited.</summary>
    [Range(0, long.MaxValue)]
    public long RecordsPerDay { get; set; }

    /// <summary>Model tokens spent per UTC day; once reached, calls a model may serve are refused until the day ends; 0: unlimited.</summary>
    [Range(0, long.MaxValue)]
    public long LlmTokensPerDay { get; set; }
}
