
namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>Orders hits worst first: lower similarity, then (for equal similarity) the later ID.</summary>
internal sealed class HitsWorstFirst : IComparer<(float Score, string Id)>
{
    public static readonly HitsWorstFirst Instance = new();

    public int Compare((float Score, string Id) x, (float Score, string Id) y) =>
        x.Score != y.Score ? x.Score.CompareTo(y.Score) : string.CompareOrdinal(y.Id, x.Id);
}
