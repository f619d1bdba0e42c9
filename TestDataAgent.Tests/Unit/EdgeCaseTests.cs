using TestDataAgent.Generators.Coherence;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Unit;

public sealed class EdgeCaseTests
{
    public static TheoryData<string> Entities => new(TestRequests.AllEntities);

    [Theory]
    [MemberData(nameof(Entities))]
    public void EdgeCaseRecordsStayValidAndCoherent(string entity)
    {
        var request = Request(entity, 300);
        var validator = new RecordValidator();
        var scorer = new CoherenceScorer();

        foreach (var record in TestRequests.Generate(request))
        {
            Assert.Empty(validator.Validate(record, request.Schema, 0));
            Assert.Equal(1.0, scorer.Score(record, request.Schema));
        }
    }

    [Fact]
    public void EdgeCasesReachTheBoundaries()
    {
        var users = TestRequests.Generate(Request("user", 300));
        var products = TestRequests.Generate(Request("product", 300));
        var reviews = TestRequests.Generate(Request("review", 300));

        Assert.Contains(users, u => ((string)u["last_name"]!).Contains('\'', StringComparison.Ordinal) || ((string)u["first_name"]!).Any(c => c > 127));
        Assert.Contains(users, u => ((string)u["email"]!).Contains("+qa@", StringComparison.Ordinal));
        Assert.Contains(users, u => ((string)u["created_at"]!).StartsWith("2024-02-29", StringComparison.Ordinal));
        Assert.Contains(products, p => (decimal)p["price"]! == 5.0m);
        Assert.Contains(products, p => (decimal)p["price"]! == 999.99m);
        Assert.Contains(reviews, r => ((string)r["title"]!).Length == 5);
        Assert.Contains(reviews, r => (long)r["rating"]! == 1);
    }

    [Fact]
    public void WithoutTheHintNoEdgesAreForced()
    {
        var users = TestRequests.Generate("user", 300);

        Assert.DoesNotContain(users, u => ((string)u["email"]!).Contains("+qa@", StringComparison.Ordinal));
    }

    private static GenerationRequest Request(string entity, int count) =>
        TestRequests.Validator().Validate(new GenerationRequestInput { Entity = entity, Count = count, Seed = 12, Hints = ["edge_case"] }, RequestMode.Unary);
}
