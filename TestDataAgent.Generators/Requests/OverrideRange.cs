using System.Globalization;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Requests;

/// <summary>
/// A scenario override that draws each record's value from a range instead of fixing it: <c>"20-50"</c> on a number,
/// <c>"2024-*"</c> (that year) or <c>"2024-06-*"</c> (that month) on a date or time. Draws come from the record's own
/// random state, so the same seed gives the same values.
/// </summary>
public abstract record OverrideRange
{
    public abstract object Draw(RecordRandomizer random);
}

/// <summary><c>"20-50"</c>: a number in [<see cref="Min"/>, <see cref="Max"/>], with <see cref="Decimals"/> decimals (0 for an integer field).</summary>
public sealed record NumberRange(decimal Min, decimal Max, int Decimals) : OverrideRange
{
    public override object Draw(RecordRandomizer random)
    {
        if (Decimals == 0)
        {
            return random.Long((long)Min, (long)Max);
        }

        var scale = (decimal)Math.Pow(10, Decimals);
        var steps = (long)((Max - Min) * scale);
        return Min + (random.Long(0, steps) / scale);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"a value from {Min} to {Max}");
}

/// <summary><c>"2024-*"</c>, <c>"2024-06-*"</c>: an instant in [<see cref="Start"/>, <see cref="End"/>), written in <see cref="Format"/>.</summary>
public sealed record DateRange(DateTime Start, DateTime End, string Format) : OverrideRange
{
    public override object Draw(RecordRandomizer random)
    {
        var seconds = (long)(End - Start).TotalSeconds;
        return Start.AddSeconds(random.Long(0, seconds - 1)).ToString(Format, CultureInfo.InvariantCulture);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"a time from {Start:yyyy-MM-dd} to before {End:yyyy-MM-dd}");
}
