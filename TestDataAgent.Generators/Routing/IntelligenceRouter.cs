using System.Collections.Concurrent;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Routing;

/// <summary>
/// The original service's routing rules, first match wins: an explicit <c>generation_method</c>; RAG and LLM
/// needs together (or many scenarios with history) → hybrid; RAG needs → rag; LLM needs → llm; else traditional.
/// Hints are compared as whole, lower-cased strings.
/// </summary>
public sealed class IntelligenceRouter
{
    private static readonly HashSet<string> s_textEntities = ["review", "comment", "feedback", "description"];

    public RoutingDecision Route(GenerationRequest request)
    {
        if (request.RequestedMethod is { } method)
        {
            return new RoutingDecision(method, $"User explicitly selected {method.ToWireName()} generation method", 1.0);
        }

        // What the original lacked: a way to force the fast path (TRADITIONAL is 0 on the wire, the same as "unset").
        if (request.Hints.Contains(HintNames.Fast))
        {
            return new RoutingDecision(GenerationPath.Traditional, "Traditional: fast generation requested", 1.0);
        }

        var needsRag = NeedsRag(request);
        var needsLlm = NeedsLlm(request);
        if ((needsRag && needsLlm) || (request.Scenarios.Count > 2 && (request.LearnFromHistory || request.ProductionLike)))
        {
            return new RoutingDecision(GenerationPath.Hybrid, "Complex request with historical patterns and intelligence needed", 0.9);
        }

        if (needsRag)
        {
            return new RoutingDecision(GenerationPath.Rag, RagReason(request), 0.85);
        }

        return needsLlm
            ? new RoutingDecision(GenerationPath.Llm, LlmReason(request), 0.8)
            : new RoutingDecision(GenerationPath.Traditional, TraditionalReason(request), 0.95);
    }

    /// <summary>
    /// Whether serving the request may read stored patterns (it routes to rag or hybrid), so a cached response of it is
    /// only as fresh as the pattern store.
    /// </summary>
    public bool MayUseStoredPatterns(GenerationRequest request) => Route(request).Path is GenerationPath.Rag or GenerationPath.Hybrid;

    /// <summary>
    /// Whether <paramref name="input"/> may be served by a model (the llm or hybrid path), judged from the request as sent,
    /// before validation, by the same rules as <see cref="Route"/>: admission control counts such requests as expensive
    /// before any work is done.
    /// </summary>
    public static bool MayCallModel(GenerationRequestInput input)
    {
        if (input.GenerationMethod > 0)
        {
            return (GenerationPath)input.GenerationMethod is GenerationPath.Llm or GenerationPath.Hybrid;
        }

        var hints = HintNames.Normalise(input.Hints);
        return !hints.Contains(HintNames.Fast) &&
            (NeedsLlm(input.Context, input.Entity.Trim().ToLowerInvariant(), hints, input.Scenarios.Select(s => s.Description)) ||
                (input.Scenarios.Count > 2 && (input.LearnFromHistory || input.ProductionLike)));
    }

    private static bool NeedsRag(GenerationRequest request) =>
        request.LearnFromHistory || request.DefectTriggering || request.ProductionLike || request.Hints.Any(HintNames.Patterns.Contains);

    private static bool NeedsLlm(GenerationRequest request) =>
        NeedsLlm(request.Context, request.Entity, request.Hints, request.Scenarios.Select(s => s.Description));

    private static bool NeedsLlm(string context, string entity, IEnumerable<string> hints, IEnumerable<string> scenarioDescriptions) =>
        context.Length > 10 ||
        s_textEntities.Contains(entity) ||
        hints.Any(HintNames.Intelligence.Contains) ||
        scenarioDescriptions.Any(d => d.Length > 20);

    private static string RagReason(GenerationRequest request)
    {
        var parts = new List<string>();
        if (request.LearnFromHistory)
        {
            parts.Add("learn_from_history flag set");
        }

        if (request.DefectTriggering)
        {
            parts.Add("defect_triggering mode requested");
        }

        if (request.ProductionLike)
        {
            parts.Add("production-like distributions needed");
        }

        var hints = request.Hints.Where(HintNames.Patterns.Contains).ToList();
        if (hints.Count > 0)
        {
            parts.Add($"hints suggest pattern matching: {string.Join(", ", hints)}");
        }

        return parts.Count > 0 ? $"RAG: {string.Join(", ", parts)}" : "RAG: pattern-based generation";
    }

    private static string LlmReason(GenerationRequest request)
    {
        var parts = new List<string>();
        if (request.Context.Length > 0)
        {
            parts.Add("context provided");
        }

        if (request.Entity is "cart" or "order")
        {
            parts.Add($"coherence needed for {request.Entity}");
        }

        if (s_textEntities.Contains(request.Entity))
        {
            parts.Add($"text content generation for {request.Entity}");
        }

        if (request.Hints.Any(HintNames.Intelligence.Contains))
        {
            parts.Add("intelligent generation requested via hints");
        }

        if (request.Scenarios.Any(s => s.Description.Length > 0))
        {
            parts.Add("detailed scenario descriptions provided");
        }

        return parts.Count > 0 ? $"LLM: {string.Join(", ", parts)}" : "LLM: intelligent generation";
    }

    // The reasons without a record count are few (context or not, fast or not, which simple entity): made once each.
    private static readonly ConcurrentDictionary<(bool NoContext, bool Fast, string? SimpleEntity), string> s_traditionalReasons = new();

    private static string TraditionalReason(GenerationRequest request)
    {
        var noContext = request.Context.Length == 0;
        var fast = request.Hints.Contains(HintNames.Fast);
        var simpleEntity = request.Entity is "user" or "payment" ? request.Entity : null;
        return request.Count > 500
            ? TraditionalReason(noContext, request.Count, fast, simpleEntity)
            : s_traditionalReasons.GetOrAdd((noContext, fast, simpleEntity), static key => TraditionalReason(key.NoContext, null, key.Fast, key.SimpleEntity));
    }

    private static string TraditionalReason(bool noContext, int? highVolume, bool fast, string? simpleEntity)
    {
        var parts = new List<string>();
        if (noContext)
        {
            parts.Add("no context provided");
        }

        if (highVolume is { } count)
        {
            parts.Add($"high volume ({count} records)");
        }

        if (fast)
        {
            parts.Add("fast generation requested");
        }

        if (simpleEntity is not null)
        {
            parts.Add($"simple entity ({simpleEntity})");
        }

        return parts.Count > 0 ? $"Traditional: {string.Join(", ", parts)}" : "Traditional: default fast generation";
    }
}
