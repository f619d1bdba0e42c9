using TestDataAgent.Generators.Generation;

namespace TestDataAgent.Cli;

/// <summary>
/// A dataset's chunks as files in one directory: <c>&lt;table&gt;.&lt;format&gt;</c> per table, or for SQL one
/// <c>&lt;preset&gt;.sql</c> (the tables' DDL first, then the inserts, parents first). Files are opened at their first
/// chunk, so a refused request leaves none behind.
/// </summary>
internal sealed class DatasetFiles(DirectoryInfo directory, string name, DataFormat format) : IAsyncDisposable
{
    private readonly Dictionary<string, ChunkOutput> _outputs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => _outputs.Keys;

    public Task WriteAsync(string table, string data, CancellationToken cancellationToken)
    {
        if (data.Length == 0)
        {
            return Task.CompletedTask;
        }

        var path = Path.Combine(directory.FullName, (format == DataFormat.Sql ? name : table) + "." + Extension(format));
        if (!_outputs.TryGetValue(path, out var output))
        {
            directory.Create();
            output = new ChunkOutput(() => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true), ownsStream: true, format);
            _outputs[path] = output;
        }

        return output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(data), cancellationToken);
    }

    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var output in _outputs.Values)
        {
            await output.CompleteAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var output in _outputs.Values)
        {
            await output.DisposeAsync();
        }
    }

    private static string Extension(DataFormat format) => format switch
    {
        DataFormat.Ndjson => "ndjson",
        DataFormat.Csv => "csv",
        DataFormat.Sql => "sql",
        _ => "json",
    };
}
