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
/// same interceptors). Expensive calls take slots from <see cref="AdmissionControl"/> in proportion to the memory they
/// need, and keep them until their response is written: a <c>GenerateData</c> of at least
/// <see cref="AdmissionOptions.ExpensiveRecordThreshold"/> records (one slot per that many, four times over JSON) or one a
/// model may serve, every <c>GenerateDataStream</c> and <c>GenerateDataset</c> (which also count against its caller's open streams),
/// <c>ValidateData</c>, <c>ValidateDataset</c> and <c>RecordPatterns</c> (by the size of their data). Everything else passes. A refusal is
/// <c>RESOURCE_EXHAUSTED</c> (HTTP 429) with <c>retry-after</c> and <c>grpc-retry-pushback-ms</c> trailers (a
/// <c>Retry-After</c> header over HTTP).
/// </summary>
internal sealed class AdmissionInterceptor(AdmissionControl admission, IOptions<AdmissionOptions> options, LlmProviderSet providers, CallerKey callerKey) : Interceptor
{
    public const string RetryAfterKey = "retry-after";
    public const string RetryPushbackKey = "grpc-retry-pushback-ms";

    // Measured with 4,500 orders: a JSON answer allocates about twice a gRPC one's memory and keeps far more in pools.
    private const int JsonAnswerWeight = 4;

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
        if (request is not (GenerateRequest or GenerateDatasetRequest))
        {
            // grpc.health.v1 Watch: cheap and long-lived.
            await continuation(request, responseStream, context);
            return;
        }

        using var slot = await AdmitAsync(context, slots: 1, stream: true);
        await continuation(request, responseStream, context);
    }

    // The slots a unary call takes (never more than all of them); 0: not expensive.
    private int Slots<TRequest>(TRequest request, HttpContext? http)
    {
        var settings = options.Value;
        long slots = request switch
        {
            GenerateRequest generate when Records(generate) >= settings.ExpensiveRecordThreshold =>
                // Memory grows with the records; a JSON answer is one escaped string, and writing it takes several times
                // a gRPC answer's memory (System.Text.Json rents buffers of six times its length, which its pool keeps).
                DivideRoundingUp(Records(generate), settings.ExpensiveRecordThreshold) * (http is not null && !IsGrpc(http) ? JsonAnswerWeight : 1),
            GenerateRequest generate =>
                providers.Providers.Count > 0 && IntelligenceRouter.MayCallModel(RequestMapper.ToInput(generate)) ? 1 : 0,
            // Parsing data takes several times its size.
            ValidateDataRequest validate => settings.SlotsForData(validate.Data.Length),
            ValidateDatasetRequest tables => settings.SlotsForData(tables.Data.Values.Sum(d => (long)d.Length)),
            RecordPatternsRequest patterns => settings.SlotsForData(patterns.Data.Length),
            _ => 0,
        };
        return (int)Math.Min(slots, settings.MaxConcurrentExpensive);
    }

    private static long DivideRoundingUp(long value, int divisor) => (value + divisor - 1) / divisor;

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
            return perCaller is null ? slot : new AdmissionLeases(slot, perCaller);
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
}
