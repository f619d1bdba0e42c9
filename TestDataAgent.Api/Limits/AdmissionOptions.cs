using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Limits;

/// <summary>
/// Admission control for expensive work (large unary generation, streams, model calls, ValidateData, RecordPatterns), bound
/// from the <c>Admission</c> section and validated at start. What does not fit is shed with <c>RESOURCE_EXHAUSTED</c>
/// (HTTP 429) and a retry hint, before any of its work is done.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// Slots for expensive work, across all callers; a slot is about the memory of <see cref="ExpensiveRecordThreshold"/>
    /// records made and sent over gRPC. A stream or a call a model may serve takes one; a <c>GenerateData</c> one per
    /// <see cref="ExpensiveRecordThreshold"/> records, four times that over HTTP/JSON; <c>ValidateData</c> and
    /// <c>RecordPatterns</c> one per <see cref="DataBytesPerSlot"/> of data; a call never more than all of them (it then
    /// runs alone).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentExpensive { get; set; } = 64;

    /// <summary>Slots the calls waiting in the queue may ask for together; a call that does not fit is refused at once.</summary>
    [Range(0, 100_000)]
    public int QueueLength { get; set; } = 128;

    /// <summary>Longest wait in the queue before the call is refused.</summary>
    [Range(1, 600_000)]
    public int MaxQueueWaitMilliseconds { get; set; } = 10_000;

    /// <summary>
    /// A <c>GenerateData</c> of fewer records is always served; one of at least this many is expensive and takes a slot
    /// per this many records.
    /// </summary>
    [Range(1, 10_000_000)]
    public int ExpensiveRecordThreshold { get; set; } = 250;

    /// <summary>Bytes of <c>data</c> sent to <c>ValidateData</c> or <c>RecordPatterns</c> that take one slot (at least one).</summary>
    [Range(1_024, 1024 * 1024 * 1024)]
    public int DataBytesPerSlot { get; set; } = 256 * 1024;

    /// <summary>
    /// New expensive work is refused while the managed heap holds more than this share of the memory it may use (the
    /// <c>DOTNET_GCHeapHardLimit</c>, else the container's or machine's memory). 100 turns the check off; 0 sheds all
    /// expensive work (a pod being drained).
    /// </summary>
    [Range(0, 100)]
    public int MaxHeapLoadPercent { get; set; } = 60;

    /// <summary>The retry hint sent with a refusal: <c>retry-after</c> (seconds) and <c>grpc-retry-pushback-ms</c>.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>Streams one caller (today: one remote IP address) may have open at once.</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerCaller { get; set; } = 4;

    /// <summary>The slots a call that parses <paramref name="bytes"/> of data takes (at least one, at most all of them).</summary>
    public int SlotsForData(long bytes) => (int)Math.Min(Math.Max(1, (bytes + DataBytesPerSlot - 1) / DataBytesPerSlot), MaxConcurrentExpensive);
}
