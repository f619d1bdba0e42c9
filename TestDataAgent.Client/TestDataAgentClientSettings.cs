namespace TestDataAgent.Client;

/// <summary>Where <c>AddTestDataAgentClient</c> finds the service.</summary>
public sealed class TestDataAgentClientSettings
{
    /// <summary>
    /// The service's gRPC address. Unset: <c>ConnectionStrings:{name}</c> when it holds an absolute URI, else
    /// <c>http://_grpc.{name}</c>, which service discovery resolves to the endpoint named <c>grpc</c> of the resource
    /// <c>{name}</c> (<c>services:{name}:grpc:0</c>, as an AppHost's <c>WithReference</c> sets it).
    /// </summary>
    public Uri? Endpoint { get; set; }
}
