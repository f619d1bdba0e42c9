namespace TestDataAgent.Mcp;

/// <summary>The bytes of records one tool answer may still carry (<see cref="McpOptions.MaxInlineBytes"/>), shared by its tables.</summary>
internal sealed class InlineBudget(int maxBytes)
{
    public int MaxBytes { get; } = maxBytes;

    public int Remaining { get; private set; } = maxBytes;

    /// <summary>Set once a record did not fit: the answer is truncated.</summary>
    public bool Exhausted { get; private set; }

    public bool TryTake(int bytes)
    {
        if (Exhausted || bytes > Remaining)
        {
            Exhausted = true;
            return false;
        }

        Remaining -= bytes;
        return true;
    }

    /// <summary>A header or a <c>CREATE TABLE</c> is kept whatever it costs: records without it cannot be read.</summary>
    public void Spend(int bytes) => Remaining = Math.Max(0, Remaining - bytes);
}
