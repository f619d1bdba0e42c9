using Microsoft.Extensions.Options;

namespace TestDataAgent.Web.Playground;

/// <summary>Adds <c>TestDataApi:ApiKey</c> as the api's <c>x-api-key</c> header (gRPC metadata is that HTTP/2 header).</summary>
internal sealed class ApiKeyHandler(IOptions<TestDataApiOptions> options) : DelegatingHandler
{
    public const string HeaderName = "x-api-key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, options.Value.ApiKey);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
