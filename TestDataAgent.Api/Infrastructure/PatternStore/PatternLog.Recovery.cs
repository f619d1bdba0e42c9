using System.Buffers;
using TestDataAgent.Generators.Rag.Store;

namespace TestDataAgent.Api.Infrastructure.PatternStore;

/// <summary>Reading the log back, and what becomes of lines that cannot be used: quarantined, never erased.</summary>
internal sealed partial class PatternLog
{
    /// <summary>
    /// Replays the log, a line at a time: the live records by ID (at most <paramref name="budget"/>'s worth; how many were
    /// evicted to keep within it), and the lines that could not be used (to quarantine).
    /// </summary>
    public (Dictionary<string, StoredPattern> Records, IReadOnlyList<DamagedLine> Damaged, int Evicted) Load(PatternBudget budget)
    {
        var records = new BudgetedRecords(budget);
        var damaged = new List<DamagedLine>();
        LineCount = 0;
        _goodLength = 0;
        _tailNotQuarantined = false;
        if (!File.Exists(Path))
        {
            return (records.Records, damaged, 0);
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        var line = new ArrayBufferWriter<byte>();
        var buffer = new byte[1 << 16];
        var lineStart = 0L;
        var number = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            var rest = buffer.AsSpan(0, read);
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf((byte)'\n');
                if (end < 0)
                {
                    line.Write(rest);
                    break;
                }

                line.Write(rest[..end]);
                rest = rest[(end + 1)..];
                number++;
                Replay(line.WrittenSpan, number, lineStart, records, damaged);
                lineStart += line.WrittenCount + 1;
                line.ResetWrittenCount();
            }
        }

        if (line.WrittenCount > 0)
        {
            // A crash in the middle of an append: an unfinished line, never acknowledged.
            damaged.Add(new DamagedLine(number + 1, lineStart, "an unfinished last line (a write interrupted by a crash)", line.WrittenSpan.ToArray(), IsTail: true));
            _tailNotQuarantined = true;
        }

        _goodLength = lineStart;
        LineCount = number;
        records.Trim();
        return (records.Records, damaged, records.Evicted);
    }

    /// <summary>
    /// Copies <paramref name="damaged"/> to <see cref="QuarantinePath"/>, synced, and logs each; throws
    /// <see cref="IOException"/> when it cannot, and then nothing may be dropped from the log.
    /// </summary>
    public void Quarantine(IReadOnlyList<DamagedLine> damaged)
    {
        if (damaged.Count == 0)
        {
            return;
        }

        var created = !File.Exists(QuarantinePath);
        using (var stream = new FileStream(QuarantinePath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1))
        {
            foreach (var line in damaged)
            {
                stream.Write(line.Bytes);
                stream.WriteByte((byte)'\n');
            }

            stream.Flush(flushToDisk: true);
        }

        if (created)
        {
            DirectorySync.Flush(Directory);
        }

        foreach (var line in damaged)
        {
            if (line.IsTail)
            {
                LogTailQuarantined(Path, line.Number, line.Offset, line.Bytes.Length, QuarantinePath);
            }
            else
            {
                LogLineQuarantined(Path, line.Number, line.Offset, line.Reason, QuarantinePath);
            }
        }

        if (damaged.Any(d => d.IsTail))
        {
            _tailNotQuarantined = false;
        }
    }

    // Bytes after the last complete record: our own failed write (cut it), or a tail found at load (quarantine it first).
    private void CutBackTornTail(FileStream file)
    {
        if (file.Length < _goodLength)
        {
            // Shorter than what this process wrote and synced: changed outside the service. Writing on would leave a gap.
            throw new IOException($"{Path} is {file.Length} bytes, shorter than the {_goodLength} this process wrote: it was changed outside the service; restart to reload it");
        }

        if (file.Length == _goodLength)
        {
            return;
        }

        if (_tailNotQuarantined)
        {
            var tail = new byte[file.Length - _goodLength];
            using (var reader = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1))
            {
                reader.Position = _goodLength;
                reader.ReadExactly(tail);
            }

            Quarantine([new DamagedLine(LineCount + 1, _goodLength, "an unfinished last line", tail, IsTail: true)]);
        }

        file.SetLength(_goodLength);
        file.Flush(flushToDisk: true);
    }

    private static void Replay(ReadOnlySpan<byte> line, int number, long offset, BudgetedRecords records, List<DamagedLine> damaged)
    {
        if (line.IsEmpty)
        {
            return;
        }

        switch (PatternLogFormat.Decode(line))
        {
            case { Error: { } error }:
                damaged.Add(new DamagedLine(number, offset, error, line.ToArray(), IsTail: false));
                break;
            case { Upsert: { } record }:
                records.Upsert(record);
                break;
            case { DeleteId: { } id }:
                records.Delete(id);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pattern store {Path}: line {Line} (byte {Offset}) is corrupt: {Reason}. It was moved, byte for byte, to {Quarantine}; the other records are loaded")]
    private partial void LogLineQuarantined(string path, int line, long offset, string reason, string quarantine);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pattern store {Path}: line {Line} (byte {Offset}, {Length} bytes) is unfinished, a write interrupted by a crash and never acknowledged. It was moved to {Quarantine}")]
    private partial void LogTailQuarantined(string path, int line, long offset, int length, string quarantine);
}
