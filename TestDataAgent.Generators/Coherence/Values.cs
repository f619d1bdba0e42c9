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

    public static DateTimeOffset? AsInstant(object? value) =>
        value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : null;
}
