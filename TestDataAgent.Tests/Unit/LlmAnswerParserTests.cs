using TestDataAgent.Generators.Llm;

namespace TestDataAgent.Tests.Unit;

public sealed class LlmAnswerParserTests
{
    [Theory]
    [InlineData("{\"records\": [{\"a\": 1}, {\"a\": 2}]}")]
    [InlineData("[{\"a\": 1}, {\"a\": 2}]")]
    [InlineData("Here you go:\n```json\n[{\"a\": 1}, {\"a\": 2},]\n```\nAnything else?")]
    [InlineData("{\"reviews\": [{\"a\": 1}, {\"a\": 2}]}")]
    [InlineData("[{\"a\": 1, /* first */}, {\"a\": 2}] and that is all")]
    public void RecordsAreFoundWhateverTheyAreWrappedIn(string answer)
    {
        var parsed = LlmAnswerParser.Parse(answer);

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.Null(parsed.Problem);
    }

    [Fact]
    public void ASingleObjectIsOneRecordEvenWhenItHoldsAnArray()
    {
        var parsed = LlmAnswerParser.Parse("{\"cart_id\": \"x\", \"items\": [{\"sku\": \"a\"}], \"total\": 3}");

        Assert.Equal("x", Assert.Single(parsed.Records)["cart_id"]);
    }

    [Fact]
    public void AnAnswerCutOffMidRecordKeepsTheCompleteRecords()
    {
        var parsed = LlmAnswerParser.Parse("{\"records\": [{\"a\": 1, \"t\": \"x}y\"}, {\"a\": 2}, {\"a\": 3, \"t\": \"unfinish");

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.NotNull(parsed.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I cannot help with that.")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{{{{")]
    public void AnswersWithoutRecordsGiveNoneAndSayWhy(string answer)
    {
        var parsed = LlmAnswerParser.Parse(answer);

        Assert.Empty(parsed.Records);
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void DeeplyNestedJsonDoesNotThrow()
    {
        var answer = new string('[', 10_000) + new string(']', 10_000);

        Assert.Empty(LlmAnswerParser.Parse(answer).Records);
    }
}
