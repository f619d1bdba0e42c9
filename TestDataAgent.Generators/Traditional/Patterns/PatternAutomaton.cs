using System.Collections;
using System.Text;

namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>
/// A nondeterministic automaton for a pattern, with a table of which states can still finish within the length
/// bounds. Building it is polynomial in the pattern's size and the length bound and charged to a
/// <see cref="PatternBudget"/> as it goes, so no pattern can stall the service (a determinising engine is exponential for
/// patterns such as <c>(a|b)*a(a|b){60}</c>); walking it costs at most the length times a state's transitions per value.
/// </summary>
internal sealed class PatternAutomaton
{
    private const int LengthHeadroom = 256;
    private const double StopProbability = 0.25;

    // A random transition is tried this many times before the state's transitions are scanned for one that can finish.
    private const int RandomTries = 4;

    private readonly (CharSetNode Set, int To)[][] _moves;
    private readonly bool[] _accepting;
    private readonly BitArray _canFinish;
    private readonly int _minLength;
    private readonly int _maxLength;

    private PatternAutomaton((CharSetNode, int)[][] moves, bool[] accepting, int minLength, int maxLength, PatternBudget budget)
    {
        _moves = moves;
        _accepting = accepting;
        _minLength = minLength;
        _maxLength = maxLength;
        var states = moves.Length;
        var cells = (long)states * (maxLength + 1);
        budget.Hold(cells / 8);
        budget.Spend(cells);

        // canFinish[k, s]: from state s with k characters written, a string of allowed length can still be completed.
        _canFinish = new BitArray(checked((int)cells));
        for (var k = maxLength; k >= 0; k--)
        {
            var checkedMoves = 0L;
            for (var s = 0; s < states; s++)
            {
                var ok = accepting[s] && k >= minLength;
                if (!ok && k < maxLength)
                {
                    foreach (var (_, to) in moves[s])
                    {
                        checkedMoves++;
                        if (_canFinish[((k + 1) * states) + to])
                        {
                            ok = true;
                            break;
                        }
                    }
                }

                _canFinish[(k * states) + s] = ok;
            }

            budget.Spend(checkedMoves);
        }

        Transitions = moves.Sum(m => (long)m.Length);
        ApproximateBytes = (Transitions * 16) + (states * 40L) + (cells / 8);
    }

    public bool IsEmpty => !_canFinish[0];

    public long Transitions { get; }

    /// <summary>What the automaton holds: its transitions, states and length table.</summary>
    public long ApproximateBytes { get; }

    public static PatternAutomaton Build(PatternNode root, int minLength, int maxLength, PatternBudget budget)
    {
        var builder = new ThompsonBuilder(budget);
        var start = builder.NewState();
        var end = builder.Add(root, start);
        var (moves, accepting) = builder.RemoveEpsilons(start, end);
        return new PatternAutomaton(moves, accepting, minLength, Math.Min(maxLength, minLength + LengthHeadroom), budget);
    }

    /// <summary>A random matching string, or null if none fits (only when <see cref="IsEmpty"/>).</summary>
    public string? Walk(Random random)
    {
        if (IsEmpty)
        {
            return null;
        }

        var text = new StringBuilder();
        var state = 0;
        for (var k = 0; ; k++)
        {
            var canStop = _accepting[state] && k >= _minLength;
            if (canStop && random.NextDouble() < StopProbability)
            {
                return text.ToString();
            }

            var move = k < _maxLength ? PickMove(state, k + 1, random) : -1;
            if (move < 0)
            {
                // Only reached when stopping is allowed: the table says this state can finish.
                return text.ToString();
            }

            var (set, to) = _moves[state][move];
            text.Append(PickChar(set, random));
            state = to;
        }
    }

    // A transition of the state whose target can still finish with `written` characters, each equally likely; -1 if none.
    private int PickMove(int state, int written, Random random)
    {
        var moves = _moves[state];
        if (moves.Length == 0)
        {
            return -1;
        }

        var row = written * _moves.Length;
        for (var attempt = 0; attempt < RandomTries; attempt++)
        {
            var pick = random.Next(moves.Length);
            if (_canFinish[row + moves[pick].To])
            {
                return pick;
            }
        }

        var usable = 0;
        foreach (var (_, to) in moves)
        {
            usable += _canFinish[row + to] ? 1 : 0;
        }

        if (usable == 0)
        {
            return -1;
        }

        var chosen = random.Next(usable);
        for (var i = 0; i < moves.Length; i++)
        {
            if (_canFinish[row + moves[i].To] && chosen-- == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static char PickChar(CharSetNode set, Random random)
    {
        var ranges = set.PickRanges;
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var pick = random.Next(set.PickTotal);
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
