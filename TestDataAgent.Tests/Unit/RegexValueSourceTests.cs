using System.Text.RegularExpressions;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Tests.Unit;

public sealed class RegexValueSourceTests
{
    [Theory]
    [InlineData(@"^[A-Z]{3}-\d{4}$", 0, 64)]
    [InlineData(@"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,6}", 6, 40)]
    [InlineData(@"[^0-9]{3,5}", 0, 64)]
    [InlineData(@"(?:red|green|blue)(?:-(?<shade>light|dark))?", 0, 64)]
    [InlineData(@"\(\d{3}\) \d{3}-\d{4}", 0, 64)]
    [InlineData(@"[à-ÿ]{2,4}\u00e9", 0, 64)]
    [InlineData(@"x*", 5, 7)]
    [InlineData(@"a{2,}b+?", 0, 10)]
    [InlineData(@"[\w\s\-]{10}", 0, 64)]
    [InlineData(@"\x41\t[\]\[]", 0, 64)]
    public void EveryValueMatchesAndFitsTheBounds(string pattern, int minLength, int maxLength)
    {
        var next = RegexValueSource.Create(pattern, minLength, maxLength).CreateGenerator(new Random(3));
        var regex = new Regex($"^(?:{pattern})$");

        for (var i = 0; i < 200; i++)
        {
            var value = next();
            Assert.NotNull(value);
            Assert.Matches(regex, value);
            Assert.InRange(value.Length, minLength, maxLength);
        }
    }

    [Theory]
    [InlineData(@"(\w)\1")]
    [InlineData(@"a(?=b)")]
    [InlineData(@"(?<!a)b")]
    [InlineData(@"\bword\b")]
    [InlineData(@"(?i)abc")]
    [InlineData(@"\p{L}+")]
    [InlineData(@"[a-z")]
    [InlineData(@"a{3,1}")]
    [InlineData(@"ab$c")]
    public void UnsupportedOrInvalidPatternsAreRefused(string pattern)
    {
        Assert.ThrowsAny<ArgumentException>(() => RegexValueSource.Create(pattern, 0, 64));
    }

    [Fact]
    public void APatternOutsideTheLengthBoundsIsRefused()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => RegexValueSource.Create("[0-9]{4}", 5, 10));

        Assert.Contains("length 5 to 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameRandomSeedGivesTheSameValues()
    {
        var source = RegexValueSource.Create(@"[A-Z][a-z]{2,8}", 0, 64);
        var first = source.CreateGenerator(new Random(9));
        var second = source.CreateGenerator(new Random(9));

        Assert.Equal(Enumerable.Range(0, 20).Select(_ => first()), Enumerable.Range(0, 20).Select(_ => second()));
    }
}
