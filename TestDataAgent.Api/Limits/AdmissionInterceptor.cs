using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using TestDataAgent.Api.Mapping;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Routing;

namespace TestDataAgent.Api.Limits;

/// <summary>
/// Admission control in front of <c>testdata.v1</c>, for gRPC and its JSON routes alike (transcoded calls run through the
/// same interceptors). Expensive calls take slots from <see cref="AdmissionControl"/> and keep them until their response
/// is written: a <c>GenerateData</c> of at least <see cref="AdmissionOptions.ExpensiveRecordThreshold"/> records (one slot
/// per that many, doubled over JSON) or one a model may serve, every <c>GenerateDataStream</c> (which also counts against
/// its caller's open streams), <c>ValidateData</c> and <c>RecordPatterns</c>. Everything else passes. A refusal is <c>RESOURCE_EXHAUSTED</c> (HTTP 429)
/// with <c>retry-after</c> and <c>grpc-retry-pushback-ms</c> trailers (a <c>Retry-After</c> header over HTTP).
/// </summary>
internal sealed class AdmissionInterceptor(AdmissionControl admission, IOptions<AdmissionOptions> options, LlmProviderSet providers, CallerKey callerKey) : Interceptor
{
    public const string RetryAfterKey = "retry-after";
    public const string RetryPushbackKey = "grpc-retry-pushback-ms";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var http = HttpContextOf(context);
        var slots = Slots(request, http);
        if (slots == 0)
        {
            return await continuation(request, context);
        }

        var slot = await AdmitAsync(context, slots, stream: false);
        if (http is not null)
        {
            // Held until the response is written: serialising a large answer takes as much memory as making it.
            http.Response.RegisterForDispose(slot);
            return await continuation(request, context);
        }

        using (slot)
        {
            return await continuation(request, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (request is not GenerateRequest)
        {
            // grpc.health.v1 Watch: cheap and long-lived.
            await continuation(request, responseStream, context);
            return;
        }

        using var slot = await AdmitAsync(context, slots: 1, stream: true);
        await continuation(request, responseStream, context);
    }

    // The slots a unary call takes; 0: not expensive.
    private int Slots<TRequest>(TRequest request, HttpContext? http)
    {
        switch (request)
        {
            case GenerateRequest generate:
                var threshold = options.Value.ExpensiveRecordThreshold;
                var records = Records(generate);
                if (records >= threshold)
                {
                    // Memory grows with the records, and a JSON answer (one escaped string) needs about twice a gRPC one's.
                    var slots = (records + threshold - 1) / threshold * (http is not null && !IsGrpc(http) ? 2 : 1);
                    return (int)Math.Min(slots, options.Value.MaxConcurrentExpensive);
                }

                return providers.Providers.Count > 0 && IntelligenceRouter.MayCallModel(RequestMapper.ToInput(generate)) ? 1 : 0;
            case ValidateDataRequest or RecordPatternsRequest:
                return 1;
            default:
                return 0;
        }
    }

    // Scenario counts win over count when they are given.
    private static long Records(GenerateRequest request) => Math.Max(request.Count, request.Scenarios.Sum(s => (long)s.Count));

    private async Task<IDisposable> AdmitAsync(ServerCallContext context, int slots, bool stream)
    {
        var http = HttpContextOf(context);
        IDisposable? perCaller = null;
        try
        {
            if (stream)
            {
                perCaller = admission.AdmitStream(http is null ? "unknown" : callerKey(http));
            }

            var slot = await admission.AdmitExpensiveAsync(slots, context.CancellationToken);
            return perCaller is null ? slot : new Leases(slot, perCaller);
        }
        catch (AdmissionRefusedException refused)
        {
            perCaller?.Dispose();
            throw Refusal(refused, http);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            perCaller?.Dispose();
            throw new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the call or its deadline passed while it waited for a slot."));
        }
    }

    private static RpcException Refusal(AdmissionRefusedException refused, HttpContext? http)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(refused.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http is not null && !IsGrpc(http))
        {
            // JSON routes: the HTTP header; gRPC clients read the trailers.
            http.Response.Headers.RetryAfter = seconds;
        }

        return new RpcException(new Status(StatusCode.ResourceExhausted, refused.Message), new Metadata
        {
            { RetryAfterKey, seconds },
            { RetryPushbackKey, ((long)refused.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) },
        });
    }

    private static bool IsGrpc(HttpContext http) => http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;

    private static HttpContext? HttpContextOf(ServerCallContext context)
    {
        try
        {
            return context.GetHttpContext();
        }
        catch (InvalidOperationException)
        {
            // A call context not hosted by ASP.NET Core (unit tests).
            return null;
        }
    }

    private sealed class Leases(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
