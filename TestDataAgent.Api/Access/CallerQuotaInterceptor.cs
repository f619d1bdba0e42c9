using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using TestDataAgent.Api.Mapping;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Api.Access;

/// <summary>
/// A caller's daily quotas (<see cref="CallerQuota"/>), for gRPC and the JSON routes alike, before any work: a generation
/// call reserves its records against <c>RecordsPerDay</c> (given back when the request is refused as invalid), and a call a
/// model may serve is refused once the day's <c>LlmTokensPerDay</c> are spent; the tokens a call spent are added when it
/// ends. Over a quota: <c>RESOURCE_EXHAUSTED</c> (HTTP 429) with the time until the UTC day ends as <c>retry-after</c>.
/// Also counts every call per caller in <see cref="CallerMetrics"/>, and warns in a generation's answer when its rate was
/// counted without Redis (<see cref="CallerRequestRate"/>).
/// </summary>
internal sealed class CallerQuotaInterceptor(Callers callers, CallerQuota quota, CallerMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerOf(context);
        var records = caller is null ? 0 : await ReserveAsync(caller, request, context);
        TResponse response;
        try
        {
            response = await continuation(request, context);
        }
        catch
        {
            await quota.GiveBackAsync(caller, records);
            throw;
        }

        if (caller is not null && response is GenerateResponse generated)
        {
            if (!generated.Success)
            {
                await quota.GiveBackAsync(caller, records);
            }

            await quota.SpendTokensAsync(caller, generated.Metadata?.LlmTokensUsed ?? 0);
            if (generated.Metadata is { } metadata && context.GetHttpContext().Items.ContainsKey(CallerRequestRate.CountedLocallyItem))
            {
                metadata.Warnings.Add(CallerRequestRate.CountedLocallyWarning);
            }
        }

        return response;
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerOf(context);
        var records = caller is null ? 0 : await ReserveAsync(caller, request, context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException invalid) when (invalid.StatusCode == StatusCode.InvalidArgument)
        {
            await quota.GiveBackAsync(caller, records);
            throw;
        }
    }

    private Caller? CallerOf(ServerCallContext context)
    {
        HttpContext http;
        try
        {
            http = context.GetHttpContext();
        }
        catch (InvalidOperationException)
        {
            return null;   // a call context not hosted by ASP.NET Core (unit tests)
        }

        var caller = callers.Of(http);
        metrics.Call(caller, context.Method[(context.Method.LastIndexOf('/') + 1)..]);
        return caller;
    }

    private async Task<long> ReserveAsync<TRequest>(Caller caller, TRequest request, ServerCallContext context)
    {
        if (request is not GenerateRequest generate)
        {
            return 0;
        }

        try
        {
            return await quota.ReserveAsync(caller, RequestMapper.ToInput(generate), context.CancellationToken);
        }
        catch (QuotaExceededException exceeded)
        {
            throw Refusal(exceeded, context);
        }
    }

    private static RpcException Refusal(QuotaExceededException exceeded, ServerCallContext context)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(exceeded.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.GetHttpContext() is var http && !CallRefusals.IsGrpc(http))
        {
            // JSON routes: the HTTP header; gRPC clients read the trailers.
            http.Response.Headers.RetryAfter = seconds;
        }

        return new RpcException(new Status(StatusCode.ResourceExhausted, exceeded.Message), new Metadata
        {
            { "retry-after", seconds },
            { "grpc-retry-pushback-ms", ((long)exceeded.RetryAfter.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) },
        });
    }
}
