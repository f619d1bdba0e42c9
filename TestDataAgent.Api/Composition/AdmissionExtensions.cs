using TestDataAgent.Api.Access;
using TestDataAgent.Api.Limits;

namespace TestDataAgent.Api.Composition;

public static class AdmissionExtensions
{
    /// <summary>
    /// Admission control (<see cref="AdmissionOptions"/>, <c>Admission</c>, validated at start): expensive calls share a
    /// global concurrency limit with a short queue and are refused while the heap is near its limit; streams also count
    /// against their caller's cap (the caller's key, certificate or token subject; its address when anonymous). Refusals are <c>RESOURCE_EXHAUSTED</c>
    /// (HTTP 429) with a retry hint. The interceptor runs for gRPC and the JSON routes alike.
    /// </summary>
    public static IHostApplicationBuilder AddAdmission(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .BindConfiguration(AdmissionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AdmissionControl>();
        builder.Services.AddSingleton<CallerKey>(services =>
        {
            var callers = services.GetRequiredService<Callers>();
            return context => callers.Of(context).Name;
        });
        // The transport puts it first in the interceptor chain (AddGrpcApi): a refused call does no work at all.
        builder.Services.AddSingleton<AdmissionInterceptor>();
        return builder;
    }
}
