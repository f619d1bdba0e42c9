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
}
