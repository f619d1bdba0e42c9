using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Tests.Unit;

/// <summary>An ID template renders exactly its segments: dates, zero-padded sequence and random digits, another field's letters.</summary>
public sealed class IdTemplateTests
{
    private static readonly DateTimeOffset Reference = new(2026, 3, 7, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("ORD-{year}{month}{day}-{random:6}", 42UL, 0L, "ORD-20260307-000042")]
    [InlineData("{seq:5}/{seq}", 0UL, 41L, "00042/42")]
    [InlineData("{random:3}-{random:4}", 1234567UL, 0L, "123-4567")]
    [InlineData("{field:carrier:3}{random:2}", 7UL, 0L, "UPS07")]
    [InlineData("X{field:missing:3}", 0UL, 0L, "XGEN")]
    public void RendersEverySegment(string format, ulong digits, long index, string expected)
    {
        var scope = new DataRecord { ["carrier"] = "u.p-s express" };

        Assert.Equal(expected, IdTemplate.Parse(format).Render(digits, Reference, index, scope));
    }

    [Fact]
    public void AFieldSegmentTakesItsLettersAndDigitsUpperCasedHoweverLong()
    {
        var source = string.Concat(Enumerable.Repeat("ab-1é", 40));
        var scope = new DataRecord { ["name"] = source, ["count"] = 12.5m };

        var long100 = IdTemplate.Parse("{field:name:100}").Render(0, Reference, 0, scope);
        var fromNumber = IdTemplate.Parse("{field:count:9}").Render(0, Reference, 0, scope);

        Assert.Equal(new string([.. source.Where(char.IsLetterOrDigit).Take(100)]).ToUpperInvariant(), long100);
        Assert.Equal(100, long100.Length);
        Assert.Equal("125", fromNumber);
    }
}
