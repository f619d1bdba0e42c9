using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using TestDataAgent.Generators.Observability;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Caching;

/// <summary>
/// The <c>use_cache</c> response cache on <see cref="HybridCache"/> (in memory, and Redis when configured). The key is
/// a hash of everything the caller sent that decides the output — never <c>request_id</c> — plus the service version,
/// so a new version never replays old data. An unseeded request's entry keeps the seed and reference time it chose,
/// so a hit replays exactly. Entries are Brotli-compressed.
/// </summary>
public sealed class ResponseCache(HybridCache cache, ICacheHealth health, IOptions<CacheOptions> options, TimeProvider time, TestDataMetrics metrics,
    IEnumerable<IPatternStoreVersion> patternStores)
{
    private static readonly string s_version = typeof(ResponseCache).Assembly.GetName().Version?.ToString() ?? "0";
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = false };
    private static readonly string[] s_tags = [Tag];

    /// <summary>The tag of every response entry: <c>HybridCache.RemoveByTagAsync</c> with it clears the response cache.</summary>
    public const string Tag = "testdata-responses";

    public async Task<(GenerationResult Result, IReadOnlyList<string> Warnings)> GetOrGenerateAsync(
        GenerationRequestInput input, Func<CancellationToken, Task<GenerationResult>> generate, CancellationToken cancellationToken)
    {
        using var activity = TestDataTracing.Source.StartActivity("cache");
        var started = time.GetUtcNow();
        GenerationResult? generated = null;
        var entryOptions = new HybridCacheEntryOptions { Expiration = TimeSpan.FromSeconds(options.Value.TtlSeconds), LocalCacheExpiration = TimeSpan.FromMinutes(5) };
        var payload = await cache.GetOrCreateAsync(
            KeyFor(input, PatternStoreVersion(input)),
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

        var warnings = new List<string>();
        if (health.LastFailure >= started)
        {
            warnings.Add("cache: Redis is unavailable or slow; the response cache was bypassed for its distributed tier");
        }

        activity?.SetTag("testdata.cache_hit", generated is null && payload.Length > 0);
        if (generated is not null)
        {
            metrics.CacheMiss();
            return (generated, warnings);
        }

        if (payload.Length == 0)
        {
            // An entry too large to keep: generate again.
            return (await generate(cancellationToken), warnings);
        }

        metrics.CacheHit();
        var cached = Unpack(payload);
        var metadata = new GenerationMetadata
        {
            Path = cached.Path,
            RequestedPath = cached.RequestedPath,
            RoutingReason = cached.RoutingReason,
            Seed = cached.Seed,
            ReferenceTime = cached.ReferenceTime,
            GenerationTimeMs = (time.GetUtcNow() - started).TotalMilliseconds,
            CoherenceScore = cached.CoherenceScore,
            ScenarioCounts = cached.ScenarioCounts,
            Warnings = cached.Warnings,
            LlmModel = cached.LlmModel,
            CacheHit = true,
        };
        return (new GenerationResult(cached.Data, cached.RecordCount, metadata), warnings);
    }

    // Requests that can be served from stored patterns carry the store's version in their key: recording a pattern
    // makes them miss instead of replaying records derived from the store as it was.
    private long? PatternStoreVersion(GenerationRequestInput input) =>
        input.LearnFromHistory || input.DefectTriggering || input.ProductionLike || input.GenerationMethod is 2 or 3 ||
        input.Hints.Any(h => h.Trim().ToLowerInvariant() is "similar" or "pattern" or "historical" or "production")
            ? patternStores.Sum(s => s.Version)
            : null;

    internal static string KeyFor(GenerationRequestInput input, long? patternStoreVersion = null)
    {
        var canonical = JsonSerializer.SerializeToUtf8Bytes(input with
        {
            RequestId = "",
            Hints = input.Hints.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            Constraints = new SortedDictionary<string, FieldConstraintInput>(input.Constraints.ToDictionary(c => c.Key, c => c.Value), StringComparer.Ordinal),
            Scenarios = input.Scenarios.Select(s => s with { Overrides = new SortedDictionary<string, string>(s.Overrides.ToDictionary(o => o.Key, o => o.Value), StringComparer.Ordinal) }).ToList(),
        }, s_json);
        var store = patternStoreVersion is { } v ? $":p{v}" : "";
        return $"testdata:response:{s_version}{store}:{Convert.ToHexString(SHA256.HashData(canonical))}";
    }

    private static byte[] Pack(GenerationResult result)
    {
        var m = result.Metadata;
        var entry = new CachedResponse(result.Data, result.RecordCount, m.Path, m.RequestedPath, m.RoutingReason, m.Seed, m.ReferenceTime,
            m.CoherenceScore, new Dictionary<string, int>(m.ScenarioCounts), [.. m.Warnings], m.LlmModel);
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, entry, s_json);
        }

        return buffer.ToArray();
    }

    private static CachedResponse Unpack(byte[] payload)
    {
        using var brotli = new BrotliStream(new MemoryStream(payload), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<CachedResponse>(brotli, s_json) ?? throw new InvalidDataException("An empty cache entry.");
    }
}
