using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators.Llm;

/// <summary>How the LLM path asks models for records (section <c>Llm</c>).</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Providers in the order they are tried, by connection name; only configured ones take part.</summary>
    [Required]
    public string[] Preference { get; set; } = ["claude", "vllm", "ollama"];

    /// <summary>
    /// Most records asked of a model in one call: small answers are fast, parallel and cheap to redo. A request is spread
    /// over <see cref="MaxConcurrency"/> calls (records per call = ceil(records / concurrency)) between
    /// <see cref="MinBatchSize"/> and this, so 100 records at the defaults are 4 calls of 25, all in one round.
    /// </summary>
    [Range(1, 200)]
    public int BatchSize { get; set; } = 25;

    /// <summary>
    /// Fewest records a call is cut down to when a request is spread over its concurrency (every call repeats the whole
    /// prompt, so a few records are not worth a call each); at most <see cref="BatchSize"/>.
    /// </summary>
    [Range(1, 200)]
    public int MinBatchSize { get; set; } = 10;

    /// <summary>Most calls in flight for one request; halved while a provider answers 429, then grown back.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// Most model calls in flight in the whole service, across requests, pool refills and providers; a call waits for a
    /// free slot at most <see cref="TotalTimeoutSeconds"/>, then its batch is made by the traditional generator.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>
    /// Most records one request (or one pool refill) asks models for; the rest of the request is made by the traditional
    /// generator, and <c>warnings</c> says so. Records drawn from a pool are not asked for and do not count.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxRecordsPerRequest { get; set; } = 1_000;

    /// <summary>
    /// Most tokens (input and output, as the providers report them) one request (or one pool refill) spends; once
    /// reached no further call starts, and the records not yet asked for are made by the traditional generator, with a
    /// warning. Calls already in flight finish, so a request may pass it by at most its concurrency's worth of calls.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MaxTokensPerRequest { get; set; } = 300_000;

    /// <summary>Most characters of the caller's <c>context</c> in a prompt; the rest is cut off.</summary>
    [Range(0, 100_000)]
    public int MaxContextChars { get; set; } = 8_000;

    /// <summary>
    /// Most characters of any other caller-written text in a prompt — a scenario's name and description, each hint, the
    /// schema's and each field's description, each override value — so none can crowd out the schema or fill every
    /// call with the same megabyte; the rest is cut off.
    /// </summary>
    [Range(16, 100_000)]
    public int MaxPromptTextChars { get; set; } = 1_000;

    /// <summary>
    /// Most characters of few-shot examples (hybrid path) in a prompt: whole examples while they fit, their long texts
    /// first cut to <see cref="MaxPromptTextChars"/>.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxExamplesChars { get; set; } = 8_000;

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
