using TestDataAgent.Generators.Llm;

namespace TestDataAgent.Tests.Unit;

public sealed class PromptTextTests
{
    [Fact]
    public void ShortTextIsKeptWhole()
    {
        Assert.Equal("kettles", PromptText.Cut("kettles", 7));
    }

    [Fact]
    public void LongTextIsCutToTheBudgetWithAMark()
    {
        var cut = PromptText.Cut(new string('x', 5000), 100);

        Assert.Equal(100, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void ACutNeverSplitsASurrogatePair()
    {
        // "😀" is two UTF-16 units; a cut between them would not encode as UTF-8.
        var cut = PromptText.Cut(new string('a', 8) + string.Concat(Enumerable.Repeat("😀", 10)), 10);

        Assert.Equal(new string('a', 8) + "…", cut);
    }
}
