using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Observability;

namespace TestDataAgent.Generators.Llm;

/// <summary>
/// Asks the configured providers in preference order for one prompt; the first that answers wins. Answers are kept by
/// (provider, model, prompt, seed) so a repeated request replays them without calling the model. A provider whose
/// circuit is open is skipped while another can be asked. Every real call takes a slot of the service-wide
/// <see cref="LlmCallGate"/> first.
/// </summary>
public sealed partial class LlmCaller(
    LlmProviderSet providers,
    LlmCallGate gate,
    HybridCache cache,
    IOptions<LlmOptions> options,
    TestDataMetrics metrics,
    ILogger<LlmCaller> logger)
{
    private static readonly string[] s_tags = [Tag];

    /// <summary>The tag of every replayed answer: <c>HybridCache.RemoveByTagAsync</c> with it forgets them.</summary>
    public const string Tag = "testdata-llm-replay";

    public bool IsConfigured => providers.Providers.Count > 0;

    /// <summary>The first answer from a provider in order, or every provider's failure.</summary>
    public async Task<LlmCallResult> AskAsync(LlmPrompt prompt, GenerationReport report, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        using var slot = gate.Open();
        var open = providers.Providers.Where(p => !p.IsCircuitOpen).ToList();
        // Every circuit open: try them all anyway, one may have recovered.
        foreach (var provider in open.Count > 0 ? open : providers.Providers)
        {
            var called = false;
            using var activity = TestDataTracing.Source.StartActivity("llm.ask");
            activity?.SetTag("gen_ai.provider.name", provider.Name);
            activity?.SetTag("gen_ai.request.model", provider.Model);
            try
            {
                var answer = await cache.GetOrCreateAsync(
                    ReplayKey(provider, prompt),
                    async token =>
                    {
                        called = true;
                        using (TestDataTracing.Resume(activity))
                        {
                            await slot.AcquireAsync(token);
                            return await CallAsync(provider, prompt, token);
                        }
                    },
                    new HybridCacheEntryOptions { Expiration = TimeSpan.FromSeconds(options.Value.ReplayTtlSeconds), LocalCacheExpiration = TimeSpan.FromMinutes(10) },
                    s_tags,
                    cancellationToken: cancellationToken);
                if (called)
                {
                    report.AddTokens(answer.TotalTokens);
                    metrics.LlmTokens(provider.Label, answer.TotalTokens);
                }

                report.UsedModel(provider.Label);
                activity?.SetTag("testdata.replayed", !called);
                return new LlmCallResult(answer.Text, failures, called ? answer.TotalTokens : 0);
            }
            catch (LlmCallGateTimeoutException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The service is at its limit of calls in flight: another provider would wait for the same slots.
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "busy");
                failures.Add(ex.Message);
                break;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Any failure of one provider (HTTP, timeout, open circuit, a client that throws) means: ask the next.
                activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                LogProviderFailed(ex, provider.Name, provider.Model);
                failures.Add($"{provider.Name}: {Describe(ex)}");
            }
        }

        return new LlmCallResult(null, failures, 0);
    }

    private async Task<LlmCachedAnswer> CallAsync(LlmProvider provider, LlmPrompt prompt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var chatOptions = new ChatOptions
        {
            ModelId = provider.Model,
            MaxOutputTokens = settings.MaxOutputTokens,
            Temperature = (float)settings.Temperature,
            Seed = prompt.Seed,
            ResponseFormat = prompt.ResponseSchema is { } schema
                ? ChatResponseFormat.ForJsonSchema(schema, "records", "The generated records")
                : ChatResponseFormat.Json,
        };
        var response = settings.Streaming
            ? await provider.Client.GetStreamingResponseAsync(prompt.Messages, chatOptions, cancellationToken).ToChatResponseAsync(cancellationToken)
            : await provider.Client.GetResponseAsync(prompt.Messages, chatOptions, cancellationToken);
        var usage = response.Usage;
        var total = usage?.TotalTokenCount ?? ((usage?.InputTokenCount ?? 0) + (usage?.OutputTokenCount ?? 0));
        return new LlmCachedAnswer(response.Text, total);
    }

    internal static string ReplayKey(LlmProvider provider, LlmPrompt prompt)
    {
        var text = $"{prompt.System}\u0000{prompt.User}\u0000{prompt.ResponseSchema?.GetRawText()}\u0000{prompt.Seed}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        return $"testdata:llm:{ServiceVersion.Full}:{provider.Name}:{provider.Model}:{hash}";
    }

    private static string Describe(Exception ex)
    {
        var message = ex.Message.Length > 160 ? ex.Message[..160] + "…" : ex.Message;
        return $"{ex.GetType().Name}: {message}".ReplaceLineEndings(" ");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM provider {Provider} ({Model}) failed; trying the next one")]
    private partial void LogProviderFailed(Exception exception, string provider, string model);
}
