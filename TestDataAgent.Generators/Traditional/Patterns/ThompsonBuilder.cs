namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>
/// Builds the states of a <see cref="PatternAutomaton"/>: Thompson's construction, then ε-removal restricted to the states
/// a character leads to. Every state, transition and closure step is charged to the <see cref="PatternBudget"/> as it is
/// made, so a pattern that expands (<c>(?:a?){3100}</c>) is refused part-way instead of after seconds and megabytes.
/// </summary>
internal sealed class ThompsonBuilder(PatternBudget budget)
{
    // Approximate bytes, for the budget: a state's two edge lists, one ε-edge, one character edge.
    private const int StateBytes = 96;
    private const int EpsilonBytes = 8;
    private const int MoveBytes = 24;

    private readonly List<List<int>> _epsilon = [];
    private readonly List<List<(CharSetNode, int)>> _chars = [];

    public int NewState()
    {
        budget.Spend(1);
        budget.Hold(StateBytes);
        _epsilon.Add([]);
        _chars.Add([]);
        return _epsilon.Count - 1;
    }

    public int Add(PatternNode node, int from)
    {
        PatternParser.EnsureStack();
        switch (node)
        {
            case CharSetNode set:
                var to = NewState();
                AddMove(from, set, to);
                return to;
            case SequenceNode sequence:
                foreach (var item in sequence.Items)
                {
                    from = Add(item, from);
                }

                return from;
            case AlternationNode alternation:
                var end = NewState();
                foreach (var option in alternation.Options)
                {
                    var start = NewState();
                    AddEpsilon(from, start);
                    AddEpsilon(Add(option, start), end);
                }

                return end;
            case RepeatNode repeat:
                for (var i = 0; i < repeat.Min; i++)
                {
                    from = Add(repeat.Item, from);
                }

                if (repeat.Max is null)
                {
                    var loop = NewState();
                    AddEpsilon(from, loop);
                    AddEpsilon(Add(repeat.Item, loop), loop);
                    return loop;
                }

                for (var i = repeat.Min; i < repeat.Max; i++)
                {
                    var next = NewState();
                    AddEpsilon(from, next);
                    AddEpsilon(Add(repeat.Item, from), next);
                    from = next;
                }

                return from;
            default:
                throw new ArgumentException("has an unsupported construct");
        }
    }

    /// <summary>The automaton without ε-moves: per kept state, its character moves (to kept-state indexes) and whether it accepts.</summary>
    public ((CharSetNode Set, int To)[][] Moves, bool[] Accepting) RemoveEpsilons(int start, int accept)
    {
        // Keep the start and every state a character leads to; each gets the moves of its ε-closure. Plain arrays, not
        // hash sets: a closure step and a move cost a few nanoseconds, so the work units track the time spent.
        var count = _epsilon.Count;
        budget.Hold(count * 12L);
        var keep = new int[count];
        Array.Fill(keep, -1);
        keep[start] = 0;
        var order = new List<int> { start };
        var seenStamp = new int[count];
        var closure = new List<int>();
        var moves = new List<(CharSetNode, int)[]>();
        var accepting = new List<bool>();
        var stateMoves = new List<(CharSetNode, int)>();
        for (var i = 0; i < order.Count; i++)
        {
            Closure(order[i], i + 1, seenStamp, closure);
            stateMoves.Clear();
            foreach (var member in closure)
            {
                foreach (var (set, target) in _chars[member])
                {
                    if (keep[target] < 0)
                    {
                        keep[target] = order.Count;
                        order.Add(target);
                        budget.Hold(StateBytes);
                    }

                    budget.Spend(1);
                    budget.Hold(MoveBytes);
                    stateMoves.Add((set, keep[target]));
                }
            }

            moves.Add([.. stateMoves]);
            accepting.Add(seenStamp[accept] == i + 1);
        }

        return ([.. moves], [.. accepting]);
    }

    private void AddMove(int from, CharSetNode set, int to)
    {
        budget.Spend(1);
        budget.Hold(MoveBytes);
        _chars[from].Add((set, to));
    }

    private void AddEpsilon(int from, int to)
    {
        budget.Spend(1);
        budget.Hold(EpsilonBytes);
        _epsilon[from].Add(to);
    }

    // The ε-closure of a state into `closure`; `seen[s] == stamp` marks its members (one stamp per closure, no clearing).
    private void Closure(int state, int stamp, int[] seen, List<int> closure)
    {
        closure.Clear();
        closure.Add(state);
        seen[state] = stamp;
        for (var i = 0; i < closure.Count; i++)
        {
            foreach (var next in _epsilon[closure[i]])
            {
                budget.Spend(1);
                if (seen[next] != stamp)
                {
                    seen[next] = stamp;
                    closure.Add(next);
                }
            }
        }
    }
}
