namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Counts 429 answers from any provider (the HTTP handler of each LLM client reports them), so the batches of running
/// requests slow down while a provider throttles, even when its retries hide the 429 from the caller.
/// </summary>
public sealed class LlmThrottle
{
    private long _throttled;

    /// <summary>How many 429 answers were seen since the service started.</summary>
    public long Count => Interlocked.Read(ref _throttled);

    public void Throttled() => Interlocked.Increment(ref _throttled);
}
