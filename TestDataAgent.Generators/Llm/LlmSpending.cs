namespace TestDataAgent.Generators.Llm;

/// <summary>
/// The tokens one request (or one pool refill) has spent, against <c>Llm:MaxTokensPerRequest</c>: once reached, its
/// batches start no further call. Shared by the request's parallel batches.
/// </summary>
internal sealed class LlmSpending(long maxTokens)
{
    private long _tokens;

    public long MaxTokens => maxTokens;

    public long Tokens => Interlocked.Read(ref _tokens);

    public bool Exhausted => Tokens >= maxTokens;

    public void Spend(long tokens) => Interlocked.Add(ref _tokens, tokens);
}
