namespace TestDataAgent.Generators.Datasets;

/// <summary>FNV-1a over a name's UTF-16 code units: stable across processes and versions, unlike string.GetHashCode.</summary>
internal static class DatasetHash
{
    public static long Of(string text)
    {
        var hash = 0xcbf29ce484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001b3UL;
        }

        return (long)hash;
    }
}
