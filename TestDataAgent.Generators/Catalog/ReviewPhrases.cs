namespace TestDataAgent.Generators.Catalog;

/// <summary>Review titles and sentences keyed by sentiment (<c>positive</c>, <c>neutral</c>, <c>negative</c>).</summary>
public sealed record ReviewPhrases(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Titles,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Openers,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Details,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Closers);
