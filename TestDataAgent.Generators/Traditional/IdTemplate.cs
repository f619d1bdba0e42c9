using System.Globalization;
using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// An ID template such as <c>CRT-{year}-{random:7}</c> or <c>TXN-{year}{month}{day}-{random:10}</c>: literal text,
/// <c>{year}</c>, <c>{month}</c> and <c>{day}</c> (of the reference time, zero-padded), <c>{random:N}</c> (N decimal
/// digits), <c>{seq}</c> or <c>{seq:N}</c> (the record's 1-based position, zero-padded to N digits) and
/// <c>{field:NAME:K}</c> (the first K letters of another field, upper-cased). Anything else is refused when parsed.
/// </summary>
public sealed class IdTemplate
{
    private readonly List<Segment> _segments;

    private IdTemplate(List<Segment> segments, int randomDigits)
    {
        _segments = segments;
        RandomDigits = randomDigits;
    }

    /// <summary>All <c>{random:N}</c> digits together: the template has 10^RandomDigits distinct values.</summary>
    public int RandomDigits { get; }

    public static bool IsTemplate(string? format) => format is not null && format.Contains('{', StringComparison.Ordinal);

    /// <exception cref="FormatException">The template has an unknown or malformed placeholder.</exception>
    public static IdTemplate Parse(string format)
    {
        var segments = new List<Segment>();
        var digits = 0;
        var position = 0;
        while (position < format.Length)
        {
            var open = format.IndexOf('{', position);
            if (open < 0)
            {
                segments.Add(new Segment(SegmentKind.Literal, format[position..], 0));
                break;
            }

            if (open > position)
            {
                segments.Add(new Segment(SegmentKind.Literal, format[position..open], 0));
            }

            var close = format.IndexOf('}', open);
            if (close < 0)
            {
                throw new FormatException($"'{format}' has a '{{' without a closing '}}'");
            }

            var token = format[(open + 1)..close].Split(':');
            switch (token)
            {
                case ["year"]:
                    segments.Add(new Segment(SegmentKind.Year, "", 4));
                    break;
                case ["month"]:
                    segments.Add(new Segment(SegmentKind.Month, "", 2));
                    break;
                case ["day"]:
                    segments.Add(new Segment(SegmentKind.Day, "", 2));
                    break;
                case ["seq" or "sequence"]:
                    segments.Add(new Segment(SegmentKind.Sequence, "", 1));
                    break;
                case ["seq" or "sequence", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var width) && width is > 0 and <= 18:
                    segments.Add(new Segment(SegmentKind.Sequence, "", width));
                    break;
                case ["random" or "random_int", var n] when int.TryParse(n, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 18:
                    segments.Add(new Segment(SegmentKind.Random, "", count));
                    digits += count;
                    break;
                case ["field", var name, var k] when int.TryParse(k, CultureInfo.InvariantCulture, out var length) && length > 0:
                    segments.Add(new Segment(SegmentKind.Field, name, length));
                    break;
                default:
                    throw new FormatException($"the placeholder '{{{string.Join(':', token)}}}' in '{format}' is not one of {{year}}, {{month}}, {{day}}, {{random:N}}, {{seq}}, {{seq:N}} (N from 1 to 18) or {{field:NAME:K}}");
            }

            position = close + 1;
        }

        if (digits > 18)
        {
            throw new FormatException($"'{format}' has {digits} random digits; at most 18 are supported");
        }

        return new IdTemplate(segments, digits);
    }

    /// <summary>Whether the template has a <c>{seq}</c> placeholder, which alone makes its values unique.</summary>
    public bool HasSequence => _segments.Exists(s => s.Kind == SegmentKind.Sequence);

    /// <summary>
    /// Renders the template; <paramref name="digits"/> supplies the random digits, left to right, and
    /// <paramref name="recordIndex"/> (0-based) the sequence.
    /// </summary>
    public string Render(ulong digits, DateTimeOffset reference, long recordIndex, DataRecord scope)
    {
        // Written into a stack buffer (it grows into a pooled array past it): only the ID itself is allocated.
        var builder = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[128]);
        var remaining = RandomDigits;
        foreach (var segment in _segments)
        {
            switch (segment.Kind)
            {
                case SegmentKind.Literal:
                    builder.AppendLiteral(segment.Text);
                    break;
                case SegmentKind.Year:
                    builder.AppendFormatted(reference.Year, "D4");
                    break;
                case SegmentKind.Month:
                    builder.AppendFormatted(reference.Month, "D2");
                    break;
                case SegmentKind.Day:
                    builder.AppendFormatted(reference.Day, "D2");
                    break;
                case SegmentKind.Sequence:
                    builder.AppendFormatted(recordIndex + 1, segment.ZeroPadded);
                    break;
                case SegmentKind.Random:
                    remaining -= segment.Length;
                    builder.AppendFormatted(digits / Pow10(remaining) % Pow10(segment.Length), segment.ZeroPadded);
                    break;
                case SegmentKind.Field:
                    AppendLetters(ref builder, scope.TryGetValue(segment.Text, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "", segment.Length);
                    break;
            }
        }

        return builder.ToStringAndClear();
    }

    // The source's first letters and digits, upper-cased; GEN when it has none.
    private static void AppendLetters(ref DefaultInterpolatedStringHandler builder, string source, int length)
    {
        var letters = length <= 64 ? stackalloc char[length] : new char[length];
        var taken = 0;
        foreach (var c in source)
        {
            if (taken == letters.Length)
            {
                break;
            }

            if (char.IsLetterOrDigit(c))
            {
                letters[taken++] = char.ToUpperInvariant(c);
            }
        }

        if (taken > 0)
        {
            builder.AppendFormatted((ReadOnlySpan<char>)letters[..taken]);
        }
        else
        {
            builder.AppendLiteral("GEN");
        }
    }

    internal static ulong Pow10(int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private enum SegmentKind
    {
        Literal,
        Year,
        Month,
        Day,
        Sequence,
        Random,
        Field,
    }

    private sealed record Segment(SegmentKind Kind, string Text, int Length)
    {
        /// <summary>The format that writes a number with at least <see cref="Length"/> digits, zeros first.</summary>
        public string ZeroPadded { get; } = "D" + Length.ToString(CultureInfo.InvariantCulture);
    }
}
