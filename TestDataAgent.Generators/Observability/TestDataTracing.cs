using System.Diagnostics;

namespace TestDataAgent.Generators.Observability;

/// <summary>
/// The service's spans: one per request (started by the transport) with children for validation, routing and
/// generation. Attributes carry the request id, entity, path and record count, never record contents.
/// </summary>
public static class TestDataTracing
{
    public const string SourceName = "TestDataAgent";

    public static readonly ActivitySource Source = new(SourceName);
}
