using System.Collections;
using System.Text;

namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>
/// A nondeterministic automaton for a pattern, with a table of which states can still finish within the length
/// bounds. Everything is polynomial in the pattern's size and the length bound, and both are capped, so building
/// and walking it cannot stall (a determinising engine is exponential for patterns such as <c>(a|b)*a(a|b){60}</c>).
/// </summary>
internal sealed class PatternAutomaton
{
    private const long MaxTableCells = 8_000_000;
    private const int LengthHeadroom = 256;
    private const double StopProbability = 0.25;

    private readonly List<(CharSetNode Set, int To)>[] _moves;
    private readonly bool[] _accepting;
    private readonly BitArray _canFinish;
    private readonly int _minLength;
    private readonly int _maxLength;

    private PatternAutomaton(List<(CharSetNode, int)>[] moves, bool[] accepting, int minLength, int maxLength)
    {
        _moves = moves;
        _accepting = accepting;
        _minLength = minLength;
        _maxLength = maxLength;
        var states = moves.Length;
        if ((long)states * (maxLength + 1) > MaxTableCells)
        {
            throw new ArgumentException("is too large to generate from within the length bounds");
        }

        // canFinish[k, s]: from state s with k characters written, a string of allowed length can still be completed.
        _canFinish = new BitArray(states * (maxLength + 1));
        for (var k = maxLength; k >= 0; k--)
        {
            for (var s = 0; s < states; s++)
            {
                var ok = accepting[s] && k >= minLength;
                if (!ok && k < maxLength)
                {
                    foreach (var (_, to) in moves[s])
                    {
                        if (_canFinish[((k + 1) * states) + to])
                        {
                            ok = true;
                            break;
                        }
                    }
                }

                _canFinish[(k * states) + s] = ok;
            }
        }
    }

    public bool IsEmpty => !_canFinish[0];

    public static PatternAutomaton Build(PatternNode root, int minLength, int maxLength)
    {
        var builder = new ThompsonBuilder();
        var start = builder.NewState();
        var end = builder.Add(root, start);
        var (moves, accepting) = builder.RemoveEpsilons(start, end);
        return new PatternAutomaton(moves, accepting, minLength, Math.Min(maxLength, minLength + LengthHeadroom));
    }

    /// <summary>A random matching string, or null if none fits (only when <see cref="IsEmpty"/>).</summary>
    public string? Walk(Random random)
    {
        if (IsEmpty)
        {
            return null;
        }

        var states = _moves.Length;
        var text = new StringBuilder();
        var state = 0;
        var options = new List<(CharSetNode Set, int To)>();
        for (var k = 0; ; k++)
        {
            options.Clear();
            if (k < _maxLength)
            {
                foreach (var move in _moves[state])
                {
                    if (_canFinish[((k + 1) * states) + move.To])
                    {
                        options.Add(move);
                    }
                }
            }

            var canStop = _accepting[state] && k >= _minLength;
            if (canStop && (options.Count == 0 || random.NextDouble() < StopProbability))
            {
                return text.ToString();
            }

            var (set, to) = options[random.Next(options.Count)];
            text.Append(PickChar(set, random));
            state = to;
        }
    }

    private static char PickChar(CharSetNode set, Random random)
    {
        // Printable ASCII where the set allows it; otherwise any character of the set that is not a lone surrogate.
        var printable = set.Ranges
            .Select(r => (Low: (char)Math.Max(r.Low, ' '), High: (char)Math.Min(r.High, '~')))
            .Where(r => r.Low <= r.High)
            .ToList();
        var ranges = printable.Count > 0 ? printable : set.Ranges.ToList();
        var total = ranges.Sum(r => r.High - r.Low + 1);
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var pick = random.Next(total);
            foreach (var (low, high) in ranges)
            {
                var size = high - low + 1;
                if (pick < size)
                {
                    var c = (char)(low + pick);
                    if (!char.IsSurrogate(c))
                    {
                        return c;
                    }

                    break;
                }

                pick -= size;
            }
        }

        return ranges[0].Low;
    }
}
