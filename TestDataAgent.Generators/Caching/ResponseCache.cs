using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Routing;

namespace TestDataAgent.Generators.Caching;

/// <summary>
/// The <c>use_cache</c> response cache on <see cref="HybridCache"/> (in memory, and Redis when configured). The key is
/// the validated request's fingerprint (<see cref="RequestFingerprint.OfResponse"/>) plus the service version, so a new
/// version never replays old data. An unseeded request's entry keeps the seed and reference time it chose, so a hit
/// replays exactly. Entries are the <see cref="GenerationResult"/> itself, Brotli-compressed.
/// </summary>
public sealed class ResponseCache(HybridCache cache, ICacheHealth health, IOptions<CacheOptions> options, TimeProvider time, TestDataMetrics metrics,
    IntelligenceRouter router, IEnumerable<IPatternStoreVersion> patternStores)
{
    private static readonly string[] s_tags = [Tag];

    /// <summary>The tag of every response entry: <c>HybridCache.RemoveByTagAsync</c> with it clears the response cache.</summary>
    public const string Tag = "testdata-responses";

    /// <summary>The cached result of <paramref name="request"/>, or what <paramref name="generate"/> makes (and is then kept).</summary>
    public async Task<GenerationResult> GetOrGenerateAsync(GenerationRequest request, Func<CancellationToken, Task<GenerationResult>> generate, CancellationToken cancellationToken)
    {
        using var activity = TestDataTracing.Source.StartActivity("cache");
        var started = time.GetUtcNow();
        GenerationResult? generated = null;
        var entryOptions = new HybridCacheEntryOptions { Expiration = TimeSpan.FromSeconds(options.Value.TtlSeconds), LocalCacheExpiration = TimeSpan.FromMinutes(5) };
        var payload = await cache.GetOrCreateAsync(
            KeyFor(request),
            async token =>
            {
                using (TestDataTracing.Resume(activity))
                {
                    generated = await generate(token);
                }

                var bytes = Pack(generated);
                // Too large to keep: an empty payload is never replayed.
                return bytes.Length <= options.Value.MaxEntryBytes ? bytes : [];
            },
            entryOptions,
            s_tags,
            cancellationToken: cancellationToken);

        var cacheWarnings = health.LastFailure >= started
            ? ["cache: Redis is unavailable or slow; the response cache was bypassed for its distributed tier"]
            : Array.Empty<string>();
        activity?.SetTag("testdata.cache_hit", generated is null && payload.Length > 0);
        GenerationResult result;
        if (generated is not null)
        {
            metrics.CacheMiss();
            result = generated;
        }
        else if (payload.Length == 0)
        {
            // An entry too large to keep: generate again.
            result = await generate(cancellationToken);
        }
        else
        {
            metrics.CacheHit();
            var cached = Unpack(payload);
            // A hit spends no tokens; the models that wrote it are still named.
            result = cached with
            {
                Metadata = cached.Metadata with { GenerationTimeMs = (time.GetUtcNow() - started).TotalMilliseconds, LlmTokensUsed = 0, CacheHit = true },
            };
        }

        return cacheWarnings.Length == 0 ? result : result with { Metadata = result.Metadata with { Warnings = [.. result.Metadata.Warnings, .. cacheWarnings] } };
    }

    /// <summary>
    /// The entry's key. Requests that may be served from stored patterns carry the store's version too: recording a
    /// pattern makes them miss instead of replaying records derived from the store as it was.
    /// </summary>
    internal string KeyFor(GenerationRequest request)
    {
        var store = router.MayUseStoredPatterns(request) ? $":p{patternStores.Sum(s => s.Version)}" : "";
        return $"testdata:response:{ServiceVersion.Full}{store}:{RequestFingerprint.OfResponse(request)}";
    }

    private static byte[] Pack(GenerationResult result)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, result, CachedResultJsonContext.Default.GenerationResult);
        }

        return buffer.ToArray();
    }

    private static GenerationResult Unpack(byte[] payload)
    {
        using var brotli = new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, CachedResultJsonContext.Default.GenerationResult) ?? throw new InvalidDataException("An empty cache entry.");
    }
}
