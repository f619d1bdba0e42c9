using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.VectorData;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Rag.Store;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Rag;

/// <summary>
/// Writes the stored patterns: records new ones (validated, personal data replaced, embedded, upserted with
/// deterministic IDs so a pattern recorded again counts a use instead of duplicating) and seeds the shipped corpus.
/// <see cref="PatternSearch"/> reads them.
/// </summary>
public sealed partial class PatternLibrary(
    IPatternCollections collections,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ISchemaRegistry registry,
    RecordValidator validator,
    PersonalDataScrubber scrubber,
    IOptions<RagOptions> options,
    TimeProvider time,
    ILogger<PatternLibrary> logger) : IDisposable, IPatternStoreVersion
{
    // Starts anywhere: after a restart (or on another replica, which may have written patterns this one has not seen)
    // no cached RAG response of another process is taken for current.
    private long _version = Random.Shared.NextInt64(long.MaxValue / 2);

    /// <summary>Changes with every write to the store through this library, so response-cache keys of RAG requests change with the patterns.</summary>
    public long Version => Interlocked.Read(ref _version);

    private const double DefaultQuality = 0.5;
    private static readonly HashSet<string> s_severities = ["", "low", "medium", "high", "critical"];

    private readonly SemaphoreSlim _seedGate = new(1, 1);
    private readonly SemaphoreSlim _recordGate = new(1, 1);

    public string StoreName => collections.StoreName;

    /// <summary>Validates, scrubs, embeds and stores the submission's records.</summary>
    /// <exception cref="InvalidRequestException">Unknown entity, malformed data, or a record invalid for the schema (names the record and field).</exception>
    /// <exception cref="PatternStoreUnavailableException">The store failed; nothing was acknowledged, so the call is safe to repeat.</exception>
    public async Task<PatternRecordResult> RecordAsync(PatternSubmission submission, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreAsync(submission, cancellationToken);
        }
        catch (VectorStoreException ex)
        {
            LogStoreFailed(ex, submission.Entity, collections.StoreName);
            throw new PatternStoreUnavailableException($"The {collections.StoreName} pattern store is unavailable; nothing was stored. Try again.", ex);
        }
    }

    private async Task<PatternRecordResult> StoreAsync(PatternSubmission submission, CancellationToken cancellationToken)
    {
        var schema = registry.TryGet(submission.Entity, out var found)
            ? found
            : throw new InvalidRequestException("entity", $"entity '{Echo.Quote(submission.Entity)}' is not a known schema; GetSchemas lists them");
        var limits = options.Value;
        RequireAtMost("domain", submission.Domain, limits.MaxNameChars, nameof(RagOptions.MaxNameChars));
        RequireAtMost("scenario", submission.Scenario, limits.MaxNameChars, nameof(RagOptions.MaxNameChars));
        RequireAtMost("description", submission.Description, limits.MaxDescriptionChars, nameof(RagOptions.MaxDescriptionChars));
        var domain = submission.Domain.Length > 0 ? submission.Domain : schema.Domain;
        if (submission.QualityScore is < 0 or > 1 || double.IsNaN(submission.QualityScore))
        {
            throw new InvalidRequestException("quality_score", $"quality_score must be from 0 to 1, got {submission.QualityScore}");
        }

        var severity = submission.Severity.Trim().ToLowerInvariant();
        if (!s_severities.Contains(severity))
        {
            throw new InvalidRequestException("severity", $"severity must be low, medium, high or critical, got '{Echo.Quote(submission.Severity)}'");
        }

        var records = SubmittedRecords.Parse(submission.Data, schema, validator, limits);
        var stored = submission.Synthetic ? records : scrubber.Scrub(records, schema);
        var quality = submission.QualityScore == 0 ? DefaultQuality : submission.QualityScore;
        var patterns = submission.Kind == PatternCategory.ProductionSample
            ? [NewPattern(PatternCategory.ProductionSample, domain, schema.Name, submission, stored[0], quality, severity, Distributions.From(stored, schema))]
            : stored.Select(r => NewPattern(submission.Kind, domain, schema.Name, submission, r, quality, severity, "")).ToList();

        await EmbedAsync(patterns, cancellationToken);
        var collection = collections.Collection(submission.Kind);
        await collection.EnsureCollectionExistsAsync(cancellationToken);
        // Read, count and write as one step in this process, so two recordings of a pattern both count.
        await _recordGate.WaitAsync(cancellationToken);
        try
        {
            foreach (var pattern in patterns)
            {
                // Recorded again by another caller: the same pattern recurs in use, so it ranks higher; by the same caller,
                // nothing changes (PatternOwners).
                if (await collection.GetAsync(pattern.Id, new RecordRetrievalOptions { IncludeVectors = false }, cancellationToken) is { } existing)
                {
                    PatternOwners.Merge(pattern, existing, submission.Owner);
                }
            }

            await collection.UpsertAsync(patterns, cancellationToken);
            Interlocked.Increment(ref _version);
        }
        finally
        {
            _recordGate.Release();
        }

        LogRecorded(patterns.Count, submission.Kind, schema.Name, collections.StoreName);
        return new PatternRecordResult(patterns.Count, [.. patterns.Select(p => p.Id)]);
    }

    /// <summary>Loads the shipped seed corpus; idempotent (deterministic IDs, unchanged seeds are skipped). Returns how many were written.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await _seedGate.WaitAsync(cancellationToken);
        try
        {
            var written = 0;
            foreach (var group in SeedCorpus.Load().GroupBy(s => s.Kind))
            {
                var collection = collections.Collection(group.Key);
                await collection.EnsureCollectionExistsAsync(cancellationToken);
                var fresh = new List<StoredPattern>();
                foreach (var seed in group)
                {
                    if (!registry.TryGet(seed.Entity, out var schema) || validator.Validate(seed.Record, schema, 0) is [var first, ..])
                    {
                        LogInvalidSeed(seed.Id, schema is null ? "unknown entity" : "invalid record");
                        continue;
                    }

                    var pattern = ToStored(seed, schema.Domain);
                    var existing = await collection.GetAsync(pattern.Id, new RecordRetrievalOptions { IncludeVectors = false }, cancellationToken);
                    if (existing is not null && existing.Data == pattern.Data && existing.Description == pattern.Description && existing.Distributions == pattern.Distributions)
                    {
                        continue;
                    }

                    pattern.UsageCount = existing?.UsageCount ?? 0;
                    fresh.Add(pattern);
                }

                if (fresh.Count > 0)
                {
                    await EmbedAsync(fresh, cancellationToken);
                    await collection.UpsertAsync(fresh, cancellationToken);
                    Interlocked.Increment(ref _version);
                    written += fresh.Count;
                }
            }

            LogSeeded(written, collections.StoreName);
            return written;
        }
        finally
        {
            _seedGate.Release();
        }
    }

    public void Dispose()
    {
        _seedGate.Dispose();
        _recordGate.Dispose();
    }

    private async Task EmbedAsync(IReadOnlyList<StoredPattern> patterns, CancellationToken cancellationToken)
    {
        var embeddings = await embedder.GenerateAsync(patterns.Select(p => p.EmbeddedText), cancellationToken: cancellationToken);
        for (var i = 0; i < patterns.Count; i++)
        {
            patterns[i].Embedding = embeddings[i].Vector;
        }
    }

    // Refused rather than cut: the text is embedded and shown as the pattern's meaning, and a cut one would mean something else.
    private static void RequireAtMost(string field, string value, int max, string setting)
    {
        if (value.Length > max)
        {
            throw new InvalidRequestException(field, $"{field} is {value.Length} characters; at most {max} ({RagOptions.SectionName}:{setting})");
        }
    }

    private StoredPattern NewPattern(PatternCategory kind, string domain, string entity, PatternSubmission submission, DataRecord record, double quality, string severity, string distributions)
    {
        var data = RecordJson.ToJson(record);
        return new StoredPattern
        {
            Id = PatternIds.ForContent(kind, domain, entity, data + distributions),
            Domain = domain,
            Entity = entity,
            Scenario = submission.Scenario,
            Description = submission.Description,
            Data = data,
            Distributions = distributions,
            Severity = severity,
            QualityScore = quality,
            CreatedAt = time.GetUtcNow(),
            Owners = submission.Owner,
            EmbeddedText = PatternText.ForPattern(entity, submission.Scenario, submission.Description, record),
        };
    }

    private static StoredPattern ToStored(SeedPattern seed, string domain) => new()
    {
        Id = seed.Id,
        Domain = domain,
        Entity = seed.Entity,
        Scenario = seed.Scenario,
        Description = seed.Description,
        Data = RecordJson.ToJson(seed.Record),
        Distributions = seed.Distributions,
        Severity = seed.Severity,
        QualityScore = seed.QualityScore,
        // Fixed, so seeding is byte-for-byte idempotent.
        CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        EmbeddedText = PatternText.ForPattern(seed.Entity, seed.Scenario, seed.Description, seed.Record),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} {Kind} pattern(s) for {Entity} in the {Store} store")]
    private partial void LogRecorded(int count, PatternCategory kind, string entity, string store);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Entity} patterns failed: the {Store} store is unavailable")]
    private partial void LogStoreFailed(Exception exception, string entity, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} new or changed pattern(s) into the {Store} store")]
    private partial void LogSeeded(int count, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed pattern {Id} skipped: {Reason}")]
    private partial void LogInvalidSeed(string id, string reason);
}
