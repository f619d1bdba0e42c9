using System.Globalization;

namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>
/// Parses the part of .NET regular-expression syntax that describes a regular language: literals, escapes,
/// classes, <c>.</c>, groups, alternation and quantifiers. Constructs that need more than a finite automaton
/// (backreferences, lookarounds, word boundaries, inline options) are refused with <see cref="ArgumentException"/>.
/// </summary>
internal sealed partial class PatternParser(string pattern)
{
    private int _position;

    public PatternNode Parse()
    {
        if (pattern.StartsWith('^'))
        {
            _position = 1;
        }

        var node = ParseAlternation();
        if (_position < pattern.Length)
        {
            throw new ArgumentException(pattern[_position] == ')' ? "has an unmatched ')'" : $"has '{pattern[_position]}' where it was not expected");
        }

        return node;
    }

    private PatternNode ParseAlternation()
    {
        var options = new List<PatternNode> { ParseSequence() };
        while (Peek() == '|')
        {
            _position++;
            options.Add(ParseSequence());
        }

        return options.Count == 1 ? options[0] : new AlternationNode(options);
    }

    private PatternNode ParseSequence()
    {
        var items = new List<PatternNode>();
        while (_position < pattern.Length && Peek() is not ('|' or ')'))
        {
            if (Peek() == '$' && _position == pattern.Length - 1)
            {
                _position++;
                break;
            }

            items.Add(ParseQuantified(ParseAtom()));
        }

        return items.Count == 1 ? items[0] : new SequenceNode(items);
    }

    private PatternNode ParseQuantified(PatternNode atom)
    {
        while (_position < pattern.Length)
        {
            (int Min, int? Max)? quantifier = Peek() switch
            {
                '*' => (0, null),
                '+' => (1, null),
                '?' => (0, 1),
                '{' when TryReadBraces(out var braces) => braces,
                _ => null,
            };
            if (quantifier is not { } q)
            {
                return atom;
            }

            if (Peek() is '*' or '+' or '?')
            {
                _position++;
            }

            if (Peek() == '?')
            {
                // Lazy and greedy quantifiers match the same strings.
                _position++;
            }

            atom = new RepeatNode(atom, q.Min, q.Max);
        }

        return atom;
    }

    private bool TryReadBraces(out (int, int?) quantifier)
    {
        quantifier = default;
        var close = pattern.IndexOf('}', _position);
        if (close < 0)
        {
            return false;
        }

        var parts = pattern[(_position + 1)..close].Split(',');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
        {
            return false;
        }

        int? max = min;
        if (parts.Length == 2)
        {
            max = parts[1].Length == 0 ? null
                : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : throw new ArgumentException($"has a malformed quantifier '{pattern[_position..(close + 1)]}'");
        }

        if (max < min)
        {
            throw new ArgumentException($"has a quantifier '{pattern[_position..(close + 1)]}' whose maximum is below its minimum");
        }

        _position = close + 1;
        quantifier = (min, max);
        return true;
    }

    private PatternNode ParseAtom()
    {
        var c = pattern[_position++];
        switch (c)
        {
            case '(':
                EnsureStack();
                if (Peek() == '?')
                {
                    if (_position + 1 < pattern.Length && pattern[_position + 1] == ':')
                    {
                        _position += 2;
                    }
                    else if (_position + 1 < pattern.Length && pattern[_position + 1] is '<' or '\'' && _position + 2 < pattern.Length && pattern[_position + 2] is not ('=' or '!'))
                    {
                        var end = pattern.IndexOf(pattern[_position + 1] == '<' ? '>' : '\'', _position + 2);
                        _position = end < 0 ? throw new ArgumentException("has an unterminated group name") : end + 1;
                    }
                    else
                    {
                        throw new ArgumentException("uses a lookaround, inline option or conditional, which cannot be generated from");
                    }
                }

                var inner = ParseAlternation();
                if (Peek() != ')')
                {
                    throw new ArgumentException("has an unclosed '('");
                }

                _position++;
                return inner;
            case '[':
                return ParseClass();
            case '.':
                return new CharSetNode(s_printable);
            case '\\':
                return new CharSetNode(ParseEscape(inClass: false));
            case '*' or '+' or '?':
                throw new ArgumentException($"has a quantifier '{c}' with nothing to repeat");
            case '^' or '$':
                throw new ArgumentException($"uses the anchor '{c}' inside the pattern, which cannot be generated from");
            default:
                return new CharSetNode([(c, c)]);
        }
    }

    // Groups nest by recursion here and in ThompsonBuilder: refuse a nesting the thread's stack cannot hold, never overflow it.
    internal static void EnsureStack()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ArgumentException("nests groups too deeply to generate from");
        }
    }

    private char? Peek() => _position < pattern.Length ? pattern[_position] : null;
}
