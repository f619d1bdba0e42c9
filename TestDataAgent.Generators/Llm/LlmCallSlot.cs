namespace TestDataAgent.Generators.Llm;

/// <summary>
/// One ask's claim on a <see cref="LlmCallGate"/> slot: taken on the first real provider call (a replayed answer needs
/// none), kept while the next provider is tried, given back on dispose.
/// </summary>
internal sealed class LlmCallSlot(LlmCallGate gate) : IDisposable
{
    private bool _held;

    /// <summary>Takes the slot unless this claim holds it already; throws <see cref="LlmCallGateTimeoutException"/> after the longest wait.</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        if (_held)
        {
            return;
        }

        if (!await gate.TryTakeAsync(cancellationToken))
        {
            throw new LlmCallGateTimeoutException(
                $"no free model-call slot within {gate.MaxWait.TotalSeconds:0} s (Llm:TotalTimeoutSeconds) while Llm:MaxConcurrentCalls ({gate.Capacity}) calls were in flight");
        }

        _held = true;
    }

    public void Dispose()
    {
        if (_held)
        {
            _held = false;
            gate.Give();
        }
    }
}
