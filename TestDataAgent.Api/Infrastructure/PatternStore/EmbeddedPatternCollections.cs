using Microsoft.Extensions.VectorData;

using TestDataAgent.Generators.Rag;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>The embedded store: one <see cref="EmbeddedPatternCollection"/> file per collection under a directory.</summary>
public sealed class EmbeddedPatternCollections(string directory) : IPatternCollections, IDisposable
{
    private readonly EmbeddedPatternCollection[] _collections =
        [.. Enum.GetValues<PatternCategory>().Select(kind => new EmbeddedPatternCollection(kind.CollectionName(), directory))];

    public string StoreName => "embedded";

    public string Directory { get; } = directory;

    public VectorStoreCollection<string, StoredPattern> Collection(PatternCategory kind) => _collections[(int)kind];

    /// <summary>The default directory: LocalApplicationData/TestDataAgent/rag, or <c>rag-data</c> under <paramref name="contentRoot"/>.</summary>
    public static string DefaultDirectory(string contentRoot)
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(local) ? Path.Combine(contentRoot, "rag-data") : Path.Combine(local, "TestDataAgent", "rag");
    }

    public void Dispose()
    {
        foreach (var collection in _collections)
        {
            collection.Dispose();
        }
    }
}
