namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>Builds the states of a <see cref="PatternAutomaton"/>: Thompson's construction, then ε-removal restricted to the states a character leads to.</summary>
internal sealed class ThompsonBuilder
{
    private const int MaxStates = 20_000;
    private const long MaxClosureWork = 5_000_000;

    private readonly List<List<int>> _epsilon = [];
    private readonly List<List<(CharSetNode, int)>> _chars = [];

    public int NewState()
    {
        if (_epsilon.Count >= MaxStates)
        {
            throw new ArgumentException($"expands to more than {MaxStates} states; use smaller repetition counts");
        }

        _epsilon.Add([]);
        _chars.Add([]);
        return _epsilon.Count - 1;
    }

    public int Add(PatternNode node, int from)
    {
        switch (node)
        {
            case CharSetNode set:
                var to = NewState();
                _chars[from].Add((set, to));
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
                    _epsilon[from].Add(start);
                    _epsilon[Add(option, start)].Add(end);
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
                    _epsilon[from].Add(loop);
                    _epsilon[Add(repeat.Item, loop)].Add(loop);
                    return loop;
                }

                for (var i = repeat.Min; i < repeat.Max; i++)
                {
                    var next = NewState();
                    _epsilon[from].Add(next);
                    _epsilon[Add(repeat.Item, from)].Add(next);
                    from = next;
                }

                return from;
            default:
                throw new ArgumentException("has an unsupported construct");
        }
    }

    public (List<(CharSetNode, int)>[] Moves, bool[] Accepting) RemoveEpsilons(int start, int accept)
    {
        // Keep the start and every state a character leads to; each gets the moves of its ε-closure.
        var keep = new Dictionary<int, int> { [start] = 0 };
        var order = new List<int> { start };
        var work = 0L;
        var moves = new List<List<(CharSetNode, int)>>();
        var accepting = new List<bool>();
        for (var i = 0; i < order.Count; i++)
        {
            var closure = Closure(order[i], ref work);
            var stateMoves = new List<(CharSetNode, int)>();
            foreach (var member in closure)
            {
                foreach (var (set, target) in _chars[member])
                {
                    if (!keep.TryGetValue(target, out var index))
                    {
                        index = keep[target] = order.Count;
                        order.Add(target);
                    }

                    stateMoves.Add((set, index));
                }
            }

            moves.Add(stateMoves);
            accepting.Add(closure.Contains(accept));
        }

        return ([.. moves], [.. accepting]);
    }

    private HashSet<int> Closure(int state, ref long work)
    {
        var seen = new HashSet<int> { state };
        var stack = new Stack<int>();
        stack.Push(state);
        while (stack.Count > 0)
        {
            foreach (var next in _epsilon[stack.Pop()])
            {
                if (++work > MaxClosureWork)
                {
                    throw new ArgumentException("is too complex to generate from");
                }

                if (seen.Add(next))
                {
                    stack.Push(next);
                }
            }
        }

        return seen;
    }
}
