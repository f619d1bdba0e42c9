namespace TestDataAgent.Api.Limits;

/// <summary>A stream's two admissions (an expensive-work slot and one of its caller's streams), given back together.</summary>
internal sealed class AdmissionLeases(IDisposable first, IDisposable second) : IDisposable
{
    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}
