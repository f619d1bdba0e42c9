using System.Text.RegularExpressions;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// The validator's email check is a hand-written scan; it must accept exactly what the pattern it replaced,
/// <c>^[^@\s]+@[^@\s]+\.[^@\s]+$</c> on .NET's engine, accepts.
/// </summary>
public sealed class EmailCheckTests
{
    private static readonly Regex s_pattern = new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant);

    [Theory]
    [InlineData("ana.lima.042@gmail.com")]
    [InlineData("a@b.c")]
    [InlineData("a@b.c\n")]
    [InlineData("a@b.c\n\n")]
    [InlineData("a@.bc")]
    [InlineData("a@bc.")]
    [InlineData("a@b..")]
    [InlineData("a@..b")]
    [InlineData("a@...")]
    [InlineData("@b.c")]
    [InlineData("a@b")]
    [InlineData("a@@b.c")]
    [InlineData("a@b@c.d")]
    [InlineData("a b@c.d")]
    [InlineData("a@c.d ")]
    [InlineData("a\u00a0@c.d")]
    [InlineData("a@c\u2028.d")]
    [InlineData("a@c.d\u0085")]
    [InlineData("\ta@c.d")]
    [InlineData("jürgen.groß@bücher.de")]
    [InlineData("o'brien+qa@example.co.uk")]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("a@b.c\r\n")]
    public void AcceptsExactlyWhatThePatternAccepts(string text) =>
        Assert.Equal(s_pattern.IsMatch(text), FieldRuleChecks.IsEmail(text));

    [Fact]
    public void AgreesWithThePatternOnRandomText()
    {
        // Short strings over an alphabet dense in the characters that matter: @, dots, white space of every kind.
        char[] alphabet = ['a', 'Z', '7', '@', '.', '.', '@', ' ', '\n', '\t', '\u00a0', '\u2029', '\u0085', 'é', '-', '_'];
        var random = new Random(20261203);
        for (var n = 0; n < 200_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 9)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.True(s_pattern.IsMatch(text) == FieldRuleChecks.IsEmail(text), $"'{Regex.Escape(text)}': pattern {s_pattern.IsMatch(text)}");
        }
    }
}
