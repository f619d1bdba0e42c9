using System.Globalization;
using Grpc.Core;
using Grpc.Core.Interceptors;
using TestDataAgent.Api.Mapping;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Routing;

namespace TestDataAgent.Api.Access;

/// <summary>
/// A caller's daily quotas, for gRPC and the JSON routes alike, before any work: a generation call reserves its records
/// against <c>RecordsPerDay</c> (given back when the request is refused as invalid), and a call a model may serve is refused
/// once the day's <c>LlmTokensPerDay</c> are spent; the tokens a call spent are added when it ends. Over a quota:
/// <c>RESOURCE_EXHAUSTED</c> (HTTP 429) with the time until the UTC day ends as <c>retry-after</c>. Also counts every
/// call per caller in <see cref="CallerMetrics"/>.
/// </summary>
internal sealed class CallerQuotaInterceptor(Callers callers, IUsageCounter usage, CallerMetrics metrics, LlmProviderSet providers, TimeProvider time) : Interceptor
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
            await GiveBackAsync(caller, records, context);
            throw;
        }

        if (caller is not null && response is GenerateResponse generated)
        {
            if (!generated.Success)
            {
                await GiveBackAsync(caller, records, context);
            }

            await SpendTokensAsync(caller, generated.Metadata?.LlmTokensUsed ?? 0, context);
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
            await GiveBackAsync(caller, records, context);
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

        var now = time.GetUtcNow();
        var limits = caller.Limits;
        if (limits.LlmTokensPerDay > 0 && providers.Providers.Count > 0 && IntelligenceRouter.MayCallModel(RequestMapper.ToInput(generate)))
        {
            var spent = await usage.AddAsync(UsageKeys.For(UsageKeys.LlmTokens, now, caller.Name), 0, context.CancellationToken);
            if (spent >= limits.LlmTokensPerDay)
            {
                throw Refusal(caller, "llm_tokens_per_day", now, context,
                    $"The caller has spent {spent} of its {limits.LlmTokensPerDay} model tokens today (its LlmTokensPerDay); calls a model may serve are refused until the UTC day ends.");
            }
        }

        var records = Records(generate);
        if (limits.RecordsPerDay <= 0 || records == 0)
        {
            metrics.Records(caller, records);
            return 0;
        }

        var key = UsageKeys.For(UsageKeys.Records, now, caller.Name);
        var total = await usage.AddAsync(key, records, context.CancellationToken);
        if (total > limits.RecordsPerDay)
        {
            await usage.AddAsync(key, -records, CancellationToken.None);
            throw Refusal(caller, "records_per_day", now, context,
                $"{records} more records would take the caller to {total} of its {limits.RecordsPerDay} records today (its RecordsPerDay); ask for fewer or wait until the UTC day ends.");
        }

        metrics.Records(caller, records);
        return records;
    }

    private async Task GiveBackAsync(Caller? caller, long records, ServerCallContext context)
    {
        if (caller is not null && records > 0)
        {
            await usage.AddAsync(UsageKeys.For(UsageKeys.Records, time.GetUtcNow(), caller.Name), -records, CancellationToken.None);
        }
    }

    private async Task SpendTokensAsync(Caller caller, long tokens, ServerCallContext context)
    {
        if (tokens > 0)
        {
            metrics.Tokens(caller, tokens);
            await usage.AddAsync(UsageKeys.For(UsageKeys.LlmTokens, time.GetUtcNow(), caller.Name), tokens, CancellationToken.None);
        }
    }

    // The records this call makes: its partition's share of the run (scenario counts win over count when given).
    private static long Records(GenerateRequest request)
    {
        var run = Math.Max(request.Count, request.Scenarios.Sum(s => (long)s.Count));
        var partitions = request.Partition is { Count: > 1 } partition ? partition.Count : 1;
        return (run + partitions - 1) / partitions;
    }

    private RpcException Refusal(Caller caller, string limit, DateTimeOffset now, ServerCallContext context, string message)
    {
        metrics.Refused(caller, limit);
        var wait = UsageKeys.UntilTomorrow(now);
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (context.GetHttpContext() is var http && !CallRefusals.IsGrpc(http))
        {
            // JSON routes: the HTTP header; gRPC clients read the trailers.
            http.Response.Headers.RetryAfter = seconds;
        }

        return new RpcException(new Status(StatusCode.ResourceExhausted, message), new Metadata
        {
            { "retry-after", seconds },
            { "grpc-retry-pushback-ms", ((long)wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) },
        });
    }
}
