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
    [Theory]
    [InlineData("```json\n[{\"a\": 1}, {\"a\": 2}]")]
    [InlineData("```[{\"a\": 1}, {\"a\": 2}]```")]
    [InlineData("{\"count\": 2, \"reviews\": [{\"a\": 1}, {\"a\": 2}]}")]
    [InlineData("{\"records\": 2, \"reviews\": [{\"a\": 1}, {\"a\": 2}]}")]
    [InlineData("[{\"a\": 1}, 7, \"x\", [], {\"a\": 2}]")]
    public void FencesWithoutALineOrAnEndAndWrapperObjectsStillGiveTheRecords(string answer)
    {
        var parsed = LlmAnswerParser.Parse(answer);

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.Null(parsed.Problem);
    }

    [Theory]
    [InlineData("{\"a\": 1, \"l\": [{\"x\": 1}], \"m\": [{\"y\": 1}]}")]
    [InlineData("{\"a\": 1, \"b\": 2, \"l\": [{\"x\": 1}]}")]
    [InlineData("{\"a\": 1, \"l\": [1, 2]}")]
    public void AnObjectThatIsNotAWrapperIsOneRecord(string answer)
    {
        var parsed = LlmAnswerParser.Parse(answer);

        Assert.Equal(1L, Assert.Single(parsed.Records)["a"]);
        Assert.Null(parsed.Problem);
    }

    [Fact]
    public void SalvageSkipsEscapedQuotesAndNestedObjectsAndStopsWhereTheArrayEnds()
    {
        var parsed = LlmAnswerParser.Parse("[{\"a\": 1, \"t\": \"q\\\"}{\"}, {\"a\": 2, \"n\": [{\"a\": 9}], \"o\": {\"a\": 8}}, x] {\"a\": 3}");

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void SalvageWithoutAnArrayKeepsTheCompleteTopLevelObjects()
    {
        var parsed = LlmAnswerParser.Parse("{\"a\": 1, \"b\": } {\"a\": 2} {\"a\": 3,");

        Assert.Equal([2L], parsed.Records.Select(r => r["a"]));
    }

    [Fact]
    public void EachKindOfEmptyAnswerSaysWhyDifferently()
    {
        string?[] problems =
        [
            LlmAnswerParser.Parse(" ").Problem,
            LlmAnswerParser.Parse("no json here").Problem,
            LlmAnswerParser.Parse("[1, 2]").Problem,
            LlmAnswerParser.Parse("[{\"a\": }").Problem,
            LlmAnswerParser.Parse("[{\"a\": 1}, {\"a\": ").Problem,
        ];

        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
        Assert.Equal(problems.Length, problems.Distinct().Count());
    }

    [Fact]
    public void BracketsInTheChatterBeforeAFenceAreNotTakenForTheRecords()
    {
        var parsed = LlmAnswerParser.Parse("Sure [as asked] {ok}:\n```json\n[{\"a\": 1}, {\"a\": 2}]\n```\n");

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.Null(parsed.Problem);
    }

    [Fact]
    public void AWrappedArrayMayHoldOtherValuesBesideTheRecords()
    {
        var parsed = LlmAnswerParser.Parse("{\"reviews\": [{\"a\": 1}, 7, {\"a\": 2}]}");

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
    }

    [Fact]
    public void SalvagedRecordsMayHaveTrailingCommasAndComments()
    {
        var parsed = LlmAnswerParser.Parse("[{\"a\": 1,}, {\"a\": 2 /* two */}, {\"a\": 3");

        Assert.Equal([1L, 2L], parsed.Records.Select(r => r["a"]));
        Assert.NotNull(parsed.Problem);
    }

    [Fact]
    public void ANullAnswerIsAnEmptyOne()
    {
        Assert.Equal(LlmAnswerParser.Parse("").Problem, LlmAnswerParser.Parse(null).Problem);
        Assert.Empty(LlmAnswerParser.Parse(null).Records);
    }
}
