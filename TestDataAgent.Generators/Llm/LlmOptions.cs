using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Llm;

/// <summary>How the LLM path asks models for records (section <c>Llm</c>).</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Providers in the order they are tried, by connection name; only configured ones take part.</summary>
    [Required]
    public string[] Preference { get; set; } = ["claude", "vllm", "ollama"];

    /// <summary>Most records asked of a model in one call: small answers are fast, parallel and cheap to redo.</summary>
    [Range(1, 200)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Most calls in flight for one request; halved while a provider answers 429, then grown back.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>How many times a batch asks again for the records a model left out (too few, invalid JSON, duplicates).</summary>
    [Range(0, 10)]
    public int MaxAskAgain { get; set; } = 2;

    /// <summary>Output tokens a call may use.</summary>
    [Range(256, 200_000)]
    public int MaxOutputTokens { get; set; } = 8192;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.7;

    /// <summary>
    /// Receive answers as streams (server-sent events, NDJSON): a provider that stalls mid-answer keeps the connection
    /// busy but visibly alive, and proxies that cut idle connections do not cut long answers.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary>Ask for JSON with a schema (structured output) where the provider supports it.</summary>
    public bool StructuredOutput { get; set; } = true;

    /// <summary>How long a model answer is kept for replay (same provider, model, prompt and seed → same answer).</summary>
    [Range(1, int.MaxValue)]
    public int ReplayTtlSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>Longest wait for one HTTP attempt to a provider; models take seconds to minutes for a batch.</summary>
    [Range(1, 3600)]
    public int AttemptTimeoutSeconds { get; set; } = 120;

    /// <summary>Longest wait for one call including its retries.</summary>
    [Range(1, 7200)]
    public int TotalTimeoutSeconds { get; set; } = 300;

    /// <summary>Retries of one call on 429, 5xx and timeouts (honouring <c>Retry-After</c>).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>How long a provider's circuit stays open after it kept failing.</summary>
    [Range(1, 3600)]
    public int CircuitBreakSeconds { get; set; } = 30;
}
