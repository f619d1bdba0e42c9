using System.Globalization;
using TestDataAgent.Generators.Output;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Pipeline;

/// <summary>
/// Keeps a unary response within <see cref="GenerationOptions.MaxUnaryResponseBytes"/>, so a gRPC client with its default
/// 4 MiB receive limit never sees <c>RESOURCE_EXHAUSTED</c>. A request whose estimate (a sample's bytes per record ×
/// count) does not fit is refused before its records are made; one that crosses the limit while being made is refused
/// then. Either way the answer is in-band, in the original's wording, and says what to do instead.
/// </summary>
internal static class UnaryResponseBudget
{
    /// <summary>Records made to measure a request's bytes per record; smaller requests are only checked as they are written.</summary>
    public const int SampleRecords = 32;

    private const int GrpcDefaultReceiveLimit = 4 * 1024 * 1024;

    /// <exception cref="InvalidRequestException">The estimate exceeds the limit.</exception>
    public static void CheckEstimate(GenerationRequest request, TraditionalGenerator traditional, int limit)
    {
        if (request.RecordCount <= SampleRecords)
        {
            return;
        }

        var session = traditional.Begin(request);
        using var formatter = ChunkFormatter.Create(request.Format, request.Schema, dialect: request.SqlDialect);
        foreach (var (index, scenario) in TraditionalGenerator.Layout(request, request.First, request.First + SampleRecords))
        {
            formatter.Add(session.Make(index, scenario));
        }

        var estimate = (double)formatter.ByteCount / formatter.RecordCount * request.RecordCount;
        if (estimate > limit)
        {
            throw TooLarge(request.RecordCount, estimate, limit);
        }
    }

    /// <exception cref="InvalidRequestException">The records written so far already exceed the limit.</exception>
    public static void CheckWritten(GenerationRequest request, long bytes, int records, int limit)
    {
        if (bytes > limit)
        {
            throw TooLarge(request.RecordCount, (double)bytes / records * request.RecordCount, limit);
        }
    }

    private static InvalidRequestException TooLarge(int count, double estimatedBytes, int limit)
    {
        var over = limit <= GrpcDefaultReceiveLimit
            ? "over the 4 MiB a gRPC client accepts by default"
            : string.Create(CultureInfo.InvariantCulture, $"over the {MiB(limit)} MiB a unary response may carry");
        return new InvalidRequestException(
            "count",
            string.Create(CultureInfo.InvariantCulture, $"count {count} exceeds max sync limit: about {MiB(estimatedBytes)} MiB, {over}; ask for fewer records or use GenerateDataStream (Generation:MaxUnaryResponseBytes is {limit} bytes)"));
    }

    private static string MiB(double bytes) => (bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture);
}
