using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Web.Playground;

/// <summary>How the playground reaches the api (<c>TestDataApi</c> section) and how much it asks of it.</summary>
public sealed class TestDataApiOptions
{
    public const string SectionName = "TestDataApi";

    /// <summary>
    /// The api's gRPC endpoint. The default names the AppHost's <c>api</c> resource and its <c>grpc</c> endpoint, which
    /// service discovery resolves from <c>services:api:grpc:0</c> (the AppHost sets it).
    /// </summary>
    [Required]
    public Uri Address { get; set; } = new($"http://_{ResourceNames.GrpcEndpoint}.{ResourceNames.Api}");

    /// <summary>Sent as <c>x-api-key</c> when set; needed where the api refuses anonymous callers (outside run mode).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Records the Generate page previews (and validates) before a download.</summary>
    [Range(1, 1_000)]
    public int PreviewRecords { get; set; } = 20;

    /// <summary>The most records one download may ask for (the api has its own limit, Generation:MaxStreamRecords).</summary>
    [Range(1, 10_000_000)]
    public int MaxDownloadRecords { get; set; } = 1_000_000;

    /// <summary>The largest file the Validate page accepts as an upload.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 4 * 1024 * 1024;
}
