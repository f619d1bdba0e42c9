using System.Globalization;

namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>Character classes, escapes and the range arithmetic behind negated sets.</summary>
internal sealed partial class PatternParser
{
    private const char MaxChar = '\uFFFF';
    private static readonly (char, char)[] s_printable = [(' ', '~')];
    private static readonly (char, char)[] s_digits = [('0', '9')];
    private static readonly (char, char)[] s_word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
    private static readonly (char, char)[] s_space = [('\t', '\r'), (' ', ' ')];

    private CharSetNode ParseClass()
    {
        var negated = Peek() == '^';
        if (negated)
        {
            _position++;
        }

        var ranges = new List<(char, char)>();
        var first = true;
        while (true)
        {
            if (_position >= pattern.Length)
            {
                throw new ArgumentException("has an unclosed '['");
            }

            var c = pattern[_position++];
            if (c == ']' && !first)
            {
                break;
            }

            first = false;
            if (c == '[' && Peek() == ':')
            {
                throw new ArgumentException("uses a POSIX class, which .NET does not support");
            }

            IReadOnlyList<(char Low, char High)> item = c == '\\' ? ParseEscape(inClass: true) : [(c, c)];
            if (item.Count == 1 && item[0].Low == item[0].High && Peek() == '-' && _position + 1 < pattern.Length && pattern[_position + 1] != ']')
            {
                _position++;
                var high = pattern[_position++];
                var end = high == '\\' ? ParseEscape(inClass: true) : [(high, high)];
                if (end.Count != 1 || end[0].Low != end[0].High || end[0].Low < item[0].Low)
                {
                    throw new ArgumentException($"has an invalid range in a character class");
                }

                ranges.Add((item[0].Low, end[0].Low));
                continue;
            }

            ranges.AddRange(item);
        }

        return new CharSetNode(negated ? Complement(ranges) : Normalise(ranges));
    }

    private IReadOnlyList<(char Low, char High)> ParseEscape(bool inClass)
    {
        if (_position >= pattern.Length)
        {
            throw new ArgumentException("ends with a lone '\\'");
        }

        var c = pattern[_position++];
        return c switch
        {
            'd' => s_digits,
            'D' => Complement(s_digits),
            'w' => s_word,
            'W' => Complement(s_word),
            's' => s_space,
            'S' => Complement(s_space),
            't' => [('\t', '\t')],
            'n' => [('\n', '\n')],
            'r' => [('\r', '\r')],
            'f' => [('\f', '\f')],
            'v' => [('\v', '\v')],
            'e' => [('\u001B', '\u001B')],
            'x' => [Hex(2)],
            'u' => [Hex(4)],
            'b' when inClass => [('\b', '\b')],
            _ when char.IsAsciiLetterOrDigit(c) => throw new ArgumentException($"uses '\\{c}' (a backreference, boundary, anchor or category), which cannot be generated from"),
            _ => [(c, c)],
        };
    }

    private (char, char) Hex(int digits)
    {
        if (_position + digits > pattern.Length || !int.TryParse(pattern.AsSpan(_position, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw new ArgumentException("has a malformed hexadecimal escape");
        }

        _position += digits;
        return ((char)code, (char)code);
    }

    private static List<(char Low, char High)> Normalise(IEnumerable<(char Low, char High)> ranges)
    {
        var merged = new List<(char Low, char High)>();
        foreach (var (low, high) in ranges.OrderBy(r => r.Low))
        {
            if (merged.Count > 0 && low <= merged[^1].High + 1)
            {
                merged[^1] = (merged[^1].Low, (char)Math.Max(merged[^1].High, high));
            }
            else
            {
                merged.Add((low, high));
            }
        }

        return merged;
    }

    private static List<(char Low, char High)> Complement(IEnumerable<(char Low, char High)> ranges)
    {
        var result = new List<(char, char)>();
        var next = 0;
        foreach (var (low, high) in Normalise(ranges))
        {
            if (low > next)
            {
                result.Add(((char)next, (char)(low - 1)));
            }

            next = high + 1;
        }

        if (next <= MaxChar)
        {
            result.Add(((char)next, MaxChar));
        }

        return result;
    }
}
