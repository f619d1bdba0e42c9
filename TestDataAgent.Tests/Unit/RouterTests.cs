using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Routing;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class RouterTests
{
    // The original's worked examples (reference §2.1), row by row.
    [Theory]
    [InlineData("cart", "", "", false, false, false, 0, GenerationPath.Traditional)]
    [InlineData("review", "", "", false, false, false, 0, GenerationPath.Llm)]
    [InlineData("user", "", "", true, false, false, 0, GenerationPath.Rag)]
    [InlineData("cart", "", "coherent", false, false, false, 0, GenerationPath.Llm)]
    [InlineData("review", "", "", false, true, false, 0, GenerationPath.Hybrid)]
    [InlineData("cart", "more than eleven characters", "", false, false, true, 0, GenerationPath.Hybrid)]
    [InlineData("cart", "long context here", "", true, true, true, 2, GenerationPath.Rag)]
    [InlineData("cart", "long context here", "", false, false, false, 0, GenerationPath.Llm)]
    [InlineData("user", "", "similar", false, false, false, 0, GenerationPath.Rag)]
    [InlineData("user", "", "pattern_based", false, false, false, 0, GenerationPath.Traditional)]
    [InlineData("review", "a long context that wants an llm", "fast", true, false, false, 0, GenerationPath.Traditional)]
    [InlineData("review", "", "fast", false, false, false, 1, GenerationPath.Llm)]
    public void RoutesAsTheOriginalDid(string entity, string context, string hint, bool history, bool defects, bool productionLike, int method, GenerationPath expected)
    {
        var request = TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = entity,
            Count = 5,
            Context = context,
            Hints = hint.Length > 0 ? [hint] : [],
            LearnFromHistory = history,
            DefectTriggering = defects,
            ProductionLike = productionLike,
            GenerationMethod = method,
        }, RequestMode.Unary);

        Assert.Equal(expected, new IntelligenceRouter().Route(request).Path);
    }

    [Fact]
    public void ManyScenariosWithHistoryGoHybrid()
    {
        var request = TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = "user",
            LearnFromHistory = true,
            Scenarios = [new("a", 1, new Dictionary<string, string>(), ""), new("b", 1, new Dictionary<string, string>(), ""), new("c", 1, new Dictionary<string, string>(), "")],
        }, RequestMode.Unary);

        Assert.Equal(GenerationPath.Hybrid, new IntelligenceRouter().Route(request).Path);
    }
    // routing_reason and routing_confidence are part of the response's metadata, worded as the original worded them.
    [Theory]
    [InlineData("user", "", "", false, false, false, 1, 5, "", "User explicitly selected llm generation method", 1.0)]
    [InlineData("review", "a long context here", "fast", false, false, false, 0, 5, "", "Traditional: fast generation requested", 1.0)]
    [InlineData("review", "", "", true, false, false, 0, 5, "", "Complex request with historical patterns and intelligence needed", 0.9)]
    [InlineData("user", "", "similar", true, true, true, 0, 5, "", "RAG: learn_from_history flag set, defect_triggering mode requested, production-like distributions needed, hints suggest pattern matching: similar", 0.85)]
    [InlineData("user", "", "", false, true, false, 0, 5, "", "RAG: defect_triggering mode requested", 0.85)]
    [InlineData("cart", "a long context here", "coherent", false, false, false, 0, 5, "twenty-one characters", "LLM: context provided, coherence needed for cart, intelligent generation requested via hints, detailed scenario descriptions provided", 0.8)]
    [InlineData("order", "", "natural", false, false, false, 0, 5, "", "LLM: coherence needed for order, intelligent generation requested via hints", 0.8)]
    [InlineData("review", "", "", false, false, false, 0, 5, "", "LLM: text content generation for review", 0.8)]
    [InlineData("product", "", "", false, false, false, 0, 5, "twenty-one characters", "LLM: detailed scenario descriptions provided", 0.8)]
    [InlineData("user", "", "", false, false, false, 0, 501, "", "Traditional: no context provided, high volume (501 records), simple entity (user)", 0.95)]
    [InlineData("payment", "", "", false, false, false, 0, 500, "", "Traditional: no context provided, simple entity (payment)", 0.95)]
    [InlineData("cart", "ten chars!", "", false, false, false, 0, 5, "twenty characters!!!", "Traditional: default fast generation", 0.95)]
    public void TheReasonNamesWhatDecidedThePath(string entity, string context, string hint, bool history, bool defects, bool productionLike, int method, int count,
        string description, string reason, double confidence)
    {
        var request = TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = entity,
            Count = count,
            Context = context,
            Hints = hint.Length > 0 ? [hint] : [],
            LearnFromHistory = history,
            DefectTriggering = defects,
            ProductionLike = productionLike,
            GenerationMethod = method,
            Scenarios = description.Length > 0 ? [new("s", count, new Dictionary<string, string>(), description)] : [],
        }, RequestMode.Unary);

        var decision = new IntelligenceRouter().Route(request);

        Assert.Equal(reason, decision.Reason);
        Assert.Equal(confidence, decision.Confidence);
    }

    [Theory]
    [InlineData(2, true, false, false, GenerationPath.Rag)]
    [InlineData(3, true, false, false, GenerationPath.Hybrid)]
    [InlineData(3, false, false, true, GenerationPath.Hybrid)]
    [InlineData(3, false, true, false, GenerationPath.Rag)]
    [InlineData(3, false, false, false, GenerationPath.Traditional)]
    public void ThreeScenariosWithHistoryOrProductionLikeGoHybrid(int scenarios, bool history, bool defects, bool productionLike, GenerationPath expected)
    {
        var request = TestRequests.Validator().Validate(new GenerationRequestInput
        {
            Entity = "user",
            Count = scenarios,
            LearnFromHistory = history,
            DefectTriggering = defects,
            ProductionLike = productionLike,
            Scenarios = [.. Enumerable.Range(0, scenarios).Select(i => new ScenarioInput($"s{i}", 1, new Dictionary<string, string>(), ""))],
        }, RequestMode.Unary);

        var router = new IntelligenceRouter();

        Assert.Equal(expected, router.Route(request).Path);
        Assert.Equal(expected is GenerationPath.Rag or GenerationPath.Hybrid, router.MayUseStoredPatterns(request));
    }

    // Judged before validation (admission control), by the same rules as Route.
    [Theory]
    [InlineData("user", "", "", 0, 0, false, false)]
    [InlineData(" Review ", "", "", 0, 0, false, true)]
    [InlineData("user", "eleven char", "", 0, 0, false, true)]
    [InlineData("user", "ten chars!", "", 0, 0, false, false)]
    [InlineData("review", "", "FAST", 0, 0, false, false)]
    [InlineData("user", "", "Realistic", 0, 0, false, true)]
    [InlineData("user", "", "", 1, 0, false, true)]
    [InlineData("review", "", "", 2, 0, false, false)]
    [InlineData("user", "", "", 3, 0, false, true)]
    [InlineData("user", "", "", 0, 3, true, true)]
    [InlineData("user", "", "", 0, 2, true, false)]
    [InlineData("user", "", "", 0, 3, false, false)]
    public void MayCallModelJudgesTheRequestAsSent(string entity, string context, string hint, int method, int scenarios, bool history, bool expected)
    {
        var input = new GenerationRequestInput
        {
            Entity = entity,
            Count = 5,
            Context = context,
            Hints = hint.Length > 0 ? [hint] : [],
            GenerationMethod = method,
            LearnFromHistory = history,
            Scenarios = [.. Enumerable.Range(0, scenarios).Select(i => new ScenarioInput($"s{i}", 1, new Dictionary<string, string>(), ""))],
        };

        Assert.Equal(expected, IntelligenceRouter.MayCallModel(input));
    }

    [Fact]
    public void MayCallModelCountsALongScenarioDescriptionAndProductionLikeScenarios()
    {
        ScenarioInput Scenario(string description) => new("s", 1, new Dictionary<string, string>(), description);

        Assert.True(IntelligenceRouter.MayCallModel(new GenerationRequestInput { Entity = "user", Scenarios = [Scenario("twenty-one characters")] }));
        Assert.False(IntelligenceRouter.MayCallModel(new GenerationRequestInput { Entity = "user", Scenarios = [Scenario("twenty characters!!!")] }));
        Assert.True(IntelligenceRouter.MayCallModel(new GenerationRequestInput { Entity = "user", ProductionLike = true, Scenarios = [Scenario(""), Scenario(""), Scenario("")] }));
    }
}
