using System.Net;
using TestDataAgent.Generators.Llm;

namespace TestDataAgent.Api.Infrastructure.Llm;

/// <summary>Tells <see cref="LlmThrottle"/> about every 429 a provider answers, including the ones retries then hide.</summary>
internal sealed class ThrottleObservingHandler(LlmThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            throttle.Throttled();
        }

        return response;
    }
}
