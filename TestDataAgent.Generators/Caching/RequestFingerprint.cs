using System.Security.Cryptography;
using System.Text.Json;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Caching;

/// <summary>SHA-256 fingerprints of validated requests, for cache and pool keys.</summary>
internal static class RequestFingerprint
{
    /// <summary>
    /// Everything that decides a unary response, in one canonical form: the resolved schema with the constraints folded
    /// in, the scenarios with their overrides in key order, hints in order, the format, flags and forced path, the
    /// request's warnings, and the seed and reference time unless the service chose them. Never <c>request_id</c>.
    /// </summary>
    public static string OfResponse(GenerationRequest request) => WithOwner(request, WithDialect(request, WithLocale(request, Hash(new
    {
        schema = Schema(request.Schema),
        request.Count,
        scenarios = request.Scenarios.Select(s => new { s.Name, s.Count, s.Description, overrides = new SortedDictionary<string, object?>(s.Overrides.ToDictionary(), StringComparer.Ordinal) }),
        request.Format,
        seed = request.SeedChosenByService ? (long?)null : request.Seed,
        referenceTime = request.ReferenceTimeChosenByService ? (DateTimeOffset?)null : request.ReferenceTime,
        request.Domain,
        request.Context,
        hints = request.Hints.Order(StringComparer.Ordinal),
        request.LearnFromHistory,
        request.DefectTriggering,
        request.ProductionLike,
        request.RequestedMethod,
        request.Warnings,
        partition = request.IsPartition ? new { request.PartitionIndex, request.PartitionCount } : null,
    }))));

    /// <summary>What makes records interchangeable in a pool: never the seed, count or overrides.</summary>
    public static string OfPool(GenerationRequest request) => WithOwner(request, WithLocale(request, Hash(new
    {
        schema = Schema(request.Schema),
        context = request.Context.Trim(),
        hints = request.Hints.Order(StringComparer.Ordinal),
        request.DefectTriggering,
        request.ProductionLike,
        request.LearnFromHistory,
    })));

    // A caller whose retrieval is limited to its own patterns never shares cached responses or pooled records with another.
    private static string WithOwner(GenerationRequest request, string fingerprint) =>
        request.PatternOwner is null ? fingerprint : Hash(new { fingerprint, owner = request.PatternOwner });

    // A request without a locale keeps the fingerprint it always had, so existing cache entries stay valid.
    private static string WithLocale(GenerationRequest request, string fingerprint) =>
        request.Locales.IsDefault ? fingerprint : Hash(new { fingerprint, locale = request.Locales.ToString() });

    // Likewise SQL in the default dialect, and any other format (the dialect changes nothing there).
    private static string WithDialect(GenerationRequest request, string fingerprint) =>
        request.SqlDialect == Output.SqlDialect.Ansi || request.Format != Generation.DataFormat.Sql ? fingerprint : Hash(new { fingerprint, dialect = request.SqlDialect.ToString() });

    /// <summary>The schema with the constraints folded in, in the canonical form the response cache keys use.</summary>
    public static string OfSchema(EntitySchema schema) => Hash(Schema(schema));

    // Derivation rules are records of several types: their text names the type and every parameter, which the base
    // type's JSON would not.
    private static object Schema(EntitySchema schema) => new
    {
        fields = schema with { Derivations = [] },
        derivations = schema.Derivations.Select(d => d.ToString()),
    };

    private static string Hash(object canonical) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
}
