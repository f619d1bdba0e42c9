using System.Globalization;

namespace TestDataAgent.Generators.Coherence;

/// <summary>Lenient reads of record values, for records from any path (an LLM may write "12.50" as a string).</summary>
internal static class Values
{
    public static decimal? AsDecimal(object? value) => value switch
    {
        decimal d => d,
        long l => l,
        int i => i,
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e27 => (decimal)d,
        string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static DateTimeOffset? AsInstant(object? value)
    {
        if (value is not string text)
        {
            return null;
        }

        // Derivation, validation and scoring read a record's timestamps in turn: the last two texts read on this thread
        // are answered again without parsing (by reference; a string never changes).
        var recent = t_recent ??= new RecentInstants();
        if (ReferenceEquals(recent.First, text))
        {
            return recent.FirstInstant;
        }

        if (ReferenceEquals(recent.Second, text))
        {
            return recent.SecondInstant;
        }

        var instant = ParseInstant(text);
        if (text.Length > RecentMaxLength)
        {
            // Not a timestamp this class writes: not worth keeping alive.
            return instant;
        }

        if (recent.ReplaceSecond)
        {
            recent.Second = text;
            recent.SecondInstant = instant;
        }
        else
        {
            recent.First = text;
            recent.FirstInstant = instant;
        }

        recent.ReplaceSecond = !recent.ReplaceSecond;
        return instant;
    }

    private const int RecentMaxLength = 64;

    [ThreadStatic]
    private static RecentInstants? t_recent;

    private sealed class RecentInstants
    {
        public string? First;
        public string? Second;
        public DateTimeOffset? FirstInstant;
        public DateTimeOffset? SecondInstant;
        public bool ReplaceSecond;
    }

    private static DateTimeOffset? ParseInstant(string text)
    {
        // Fast path for the shape we write (2026-01-31T12:00:00Z): every record's timestamps pass through here.
        if (text.Length == 20 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == 'Z' &&
            Digits(text, 0, 4) is { } year && Digits(text, 5, 2) is { } month && Digits(text, 8, 2) is { } day &&
            Digits(text, 11, 2) is { } hour && Digits(text, 14, 2) is { } minute && Digits(text, 17, 2) is { } second &&
            month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(1, year), month) && hour < 24 && minute < 60 && second < 60 && year >= 1)
        {
            return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
    }

    private static int? Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                return null;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
