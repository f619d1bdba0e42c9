using System.Globalization;
using TestDataAgent.Generators.Coherence;

namespace TestDataAgent.Tests.Unit;

/// <summary>
/// Timestamps are read leniently (<see cref="Values.AsInstant"/>), and the last texts read on a thread are answered
/// again without parsing: whatever order texts come in — the same instance again, an equal text in a new string, a third
/// text between two — each answer must be that text's own instant.
/// </summary>
public sealed class InstantReadingTests
{
    [Fact]
    public void EveryTextIsReadAsItsOwnInstantWhateverWasReadBefore()
    {
        var random = new Random(3);
        var texts = new List<string>();
        for (var i = 0; i < 5_000; i++)
        {
            string text;
            var pick = random.Next(6);
            if (pick < 3 && texts.Count > 0)
            {
                // The same instance again, from just before or further back.
                text = texts[Math.Max(0, texts.Count - 1 - random.Next(pick == 0 ? 1 : 4))];
            }
            else
            {
                var instant = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(random.Next(0, 200_000_000));
                text = pick switch
                {
                    3 => instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                    4 => instant.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    _ => random.Next(3) switch
                    {
                        0 => "not a time",
                        1 => instant.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) + new string(' ', 70),
                        _ => instant.ToOffset(TimeSpan.FromHours(2)).ToString("O", CultureInfo.InvariantCulture),
                    },
                };
            }

            texts.Add(text);
            Assert.Equal(Parsed(text), Values.AsInstant(text));
        }
    }

    [Fact]
    public void ATextThatIsNotATimeIsNoInstantAndNonTextIsNone()
    {
        Assert.Null(Values.AsInstant("2026-02-30T00:00:00Z"));
        Assert.Null(Values.AsInstant(""));
        Assert.Null(Values.AsInstant(20260101L));
        Assert.Null(Values.AsInstant(null));
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 12, 0, 0, TimeSpan.Zero), Values.AsInstant("2026-01-31T12:00:00Z"));
    }

    private static DateTimeOffset? Parsed(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) ? instant : null;
}
