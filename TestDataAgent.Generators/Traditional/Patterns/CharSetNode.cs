namespace TestDataAgent.Generators.Traditional.Patterns;

/// <summary>One character from a set of inclusive ranges.</summary>
internal sealed record CharSetNode(IReadOnlyList<(char Low, char High)> Ranges) : PatternNode
{
    private readonly (IReadOnlyList<(char Low, char High)> Ranges, int Total) _pick = Pickable(Ranges);

    /// <summary>The ranges values are drawn from: printable ASCII where the set allows it, otherwise the whole set.</summary>
    public IReadOnlyList<(char Low, char High)> PickRanges => _pick.Ranges;

    /// <summary>How many characters <see cref="PickRanges"/> holds.</summary>
    public int PickTotal => _pick.Total;

    private static (IReadOnlyList<(char Low, char High)>, int) Pickable(IReadOnlyList<(char Low, char High)> ranges)
    {
        List<(char Low, char High)> printable =
        [
            .. ranges
                .Select(r => (Low: (char)Math.Max(r.Low, ' '), High: (char)Math.Min(r.High, '~')))
                .Where(r => r.Low <= r.High),
        ];
        IReadOnlyList<(char Low, char High)> chosen = printable.Count > 0 ? printable : ranges;
        return (chosen, chosen.Sum(r => r.High - r.Low + 1));
    }
}
