using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Api.Limits;

/// <summary>Limits of the transport, bound from the <c>Transport</c> section and validated at start.</summary>
public sealed class TransportOptions
{
    public const string SectionName = "Transport";

    /// <summary>
    /// The one maximum message size: a gRPC message either way, and a request body (Kestrel's limit, for gRPC and JSON
    /// alike). Above the original's 50 MiB, so nothing it accepted is refused. A larger message is refused with
    /// <c>RESOURCE_EXHAUSTED</c> (gRPC) or 413 (HTTP).
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// A stream whose client has not taken a chunk for this long is ended (<c>RESOURCE_EXHAUSTED</c>) and its resources
    /// released. Time spent making records does not count, only time spent waiting for the client to read.
    /// </summary>
    [Range(1, 3_600)]
    public int StalledReaderTimeoutSeconds { get; set; } = 30;
}
