using TestDataAgent.Generators.Llm;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Routing;

namespace TestDataAgent.Api.Access;

/// <summary>
/// A caller's daily quotas, whichever way a call came in (<see cref="CallerQuotaInterceptor"/> for gRPC and its JSON routes,
/// the MCP tools): a generation reserves its records against <c>RecordsPerDay</c> before any work (given back when the request
/// is refused as invalid), and a call a model may serve is refused once the day's <c>LlmTokensPerDay</c> are spent; the tokens
/// a call spent are added when it ends. Over a quota: <see cref="QuotaExceededException"/>.
/// </summary>
public sealed class CallerQuota(IUsageCounter usage, CallerMetrics metrics, LlmProviderSet providers, TimeProvider time)
{
    /// <summary>Reserves the records <paramref name="input"/> makes; returns them, to give back if the call is refused.</summary>
    public async Task<long> ReserveAsync(Caller caller, GenerationRequestInput input, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var limits = caller.Limits;
        if (limits.LlmTokensPerDay > 0 && providers.Providers.Count > 0 && IntelligenceRouter.MayCallModel(input))
        {
            var spent = await usage.AddAsync(UsageKeys.For(UsageKeys.LlmTokens, now, caller.Name), 0, cancellationToken);
            if (spent >= limits.LlmTokensPerDay)
            {
                throw Refusal(caller, "llm_tokens_per_day", now,
                    $"The caller has spent {spent} of its {limits.LlmTokensPerDay} model tokens today (its LlmTokensPerDay); calls a model may serve are refused until the UTC day ends.");
            }
        }

        var records = Records(input);
        if (limits.RecordsPerDay <= 0 || records == 0)
        {
            metrics.Records(caller, records);
            return 0;
        }

        var key = UsageKeys.For(UsageKeys.Records, now, caller.Name);
        var total = await usage.AddAsync(key, records, cancellationToken);
        if (total > limits.RecordsPerDay)
        {
            await usage.AddAsync(key, -records, CancellationToken.None);
            throw Refusal(caller, "records_per_day", now,
                $"{records} more records would take the caller to {total} of its {limits.RecordsPerDay} records today (its RecordsPerDay); ask for fewer or wait until the UTC day ends.");
        }

        metrics.Records(caller, records);
        return records;
    }

    public async Task GiveBackAsync(Caller? caller, long records)
    {
        if (caller is not null && records > 0)
        {
            await usage.AddAsync(UsageKeys.For(UsageKeys.Records, time.GetUtcNow(), caller.Name), -records, CancellationToken.None);
        }
    }

    public async Task SpendTokensAsync(Caller caller, long tokens)
    {
        if (tokens > 0)
        {
            metrics.Tokens(caller, tokens);
            await usage.AddAsync(UsageKeys.For(UsageKeys.LlmTokens, time.GetUtcNow(), caller.Name), tokens, CancellationToken.None);
        }
    }

    // The records this call makes: its partition's share of the run (scenario counts win over count when given).
    private static long Records(GenerationRequestInput input)
    {
        var run = Math.Max(input.Count, input.Scenarios.Sum(s => (long)s.Count));
        var partitions = input.Partition is { Count: > 1 } partition ? partition.Count : 1;
        return (run + partitions - 1) / partitions;
    }

    private QuotaExceededException Refusal(Caller caller, string limit, DateTimeOffset now, string message)
    {
        metrics.Refused(caller, limit);
        return new QuotaExceededException(limit, message, UsageKeys.UntilTomorrow(now));
    }
}
