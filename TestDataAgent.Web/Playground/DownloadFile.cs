using System.Text;
using System.Text.Json;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Web.Playground;

/// <summary>
/// A streamed result written to a temporary file as its chunks arrive, counting records for the progress bar, so the
/// playground's memory stays flat however large the file. JSON chunks are each their own array: they are joined into one.
/// </summary>
public sealed class DownloadFile : IAsyncDisposable
{
    private readonly OutputFormat _format;
    private readonly FileStream _file;
    private readonly StreamWriter _writer;
    private bool _headerSeen;
    private bool _anyJsonRecord;

    public DownloadFile(OutputFormat format)
    {
        _format = format;
        Path = System.IO.Path.GetTempFileName();
        _file = new FileStream(Path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, FileOptions.DeleteOnClose);
        _writer = new StreamWriter(_file, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        if (format == OutputFormat.Json)
        {
            _writer.Write('[');
        }
    }

    public string Path { get; }

    public long Records { get; private set; }

    public static string Extension(OutputFormat format) => format switch
    {
        OutputFormat.Csv => "csv",
        OutputFormat.Sql => "sql",
        OutputFormat.Ndjson => "ndjson",
        _ => "json",
    };

    public async Task AppendAsync(string data, CancellationToken cancellationToken)
    {
        if (data.Length == 0)
        {
            return;
        }

        if (_format == OutputFormat.Json)
        {
            using var chunk = JsonDocument.Parse(data);
            Records += chunk.RootElement.GetArrayLength();
            var inner = data.Trim()[1..^1].Trim();
            if (inner.Length > 0)
            {
                await _writer.WriteAsync((_anyJsonRecord ? "," : "") + inner);
                _anyJsonRecord = true;
            }

            return;
        }

        Records += CountRecords(data);
        await _writer.WriteAsync(data.AsMemory(), cancellationToken);
    }

    /// <summary>The finished file, from its start (the caller reads it; it is deleted when this is disposed).</summary>
    public async Task<Stream> CompleteAsync()
    {
        if (_format == OutputFormat.Json)
        {
            await _writer.WriteAsync(']');
        }

        await _writer.FlushAsync();
        _file.Position = 0;
        return _file;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _file.DisposeAsync();
    }

    private long CountRecords(string data)
    {
        var lines = data.AsSpan().Count('\n');
        switch (_format)
        {
            case OutputFormat.Csv when !_headerSeen:
                _headerSeen = true;
                return lines - 1;
            case OutputFormat.Sql:
                return CountOccurrences(data, "INSERT INTO ");
            default:
                return lines;
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
