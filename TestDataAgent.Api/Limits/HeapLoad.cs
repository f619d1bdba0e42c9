namespace TestDataAgent.Api.Limits;

/// <summary>How full the managed heap is: bytes in use against the most it may hold.</summary>
public readonly record struct HeapLoad(long UsedBytes, long LimitBytes)
{
    public double Percent => LimitBytes > 0 ? 100.0 * UsedBytes / LimitBytes : 0;

    /// <summary>
    /// Now. The limit is what the GC may use: <c>DOTNET_GCHeapHardLimit</c> when set, else the container's or machine's
    /// memory. In use counts what is allocated and not yet collected, so a heap full of garbage reads as full: the
    /// check errs towards refusing, which costs a retry, never an OutOfMemoryException.
    /// </summary>
    public static HeapLoad Now() => new(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
}
