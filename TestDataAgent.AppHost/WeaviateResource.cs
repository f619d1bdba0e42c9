namespace TestDataAgent.AppHost;

/// <summary>
/// The Weaviate container (there is no Aspire integration for it). Its connection string is the shape the api's
/// <c>AddWeaviateClient</c> reads: <c>Endpoint=http://host:port</c> (anonymous access, so no <c>Key</c>).
/// </summary>
public sealed class WeaviateResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    public const string HttpEndpointName = "http";

    private EndpointReference? _httpEndpoint;

    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"Endpoint={HttpEndpoint.Property(EndpointProperty.Url)}");
}
