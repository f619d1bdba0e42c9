using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>testdata generate &lt;entity&gt; -n N -f json|ndjson|csv|sql [-o file] [--seed N] [--locale L]</c>: streams the
/// records through the domain's <see cref="RequestPipeline"/>, in this process, as the api's <c>GenerateDataStream</c>
/// does, so the same seed gives the same bytes.
/// </summary>
internal static class GenerateCommand
{
    private static readonly Dictionary<string, DataFormat> Formats = new(StringComparer.Ordinal)
    {
        ["json"] = DataFormat.Json,
        ["ndjson"] = DataFormat.Ndjson,
        ["csv"] = DataFormat.Csv,
        ["sql"] = DataFormat.Sql,
    };

    public static Command Create(Stream stdout, TextWriter stderr)
    {
        var entity = new Argument<string>("entity") { Description = "The entity to generate (testdata schemas lists them)" };
        var count = new Option<int>("--count", "-n") { Description = "How many records", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format", "-f") { Description = "Output format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var output = new Option<FileInfo?>("--output", "-o") { Description = "File to write (default: stdout)" };
        var seed = new Option<long?>("--seed") { Description = "Seed: the same seed gives the same bytes, here and from the service" };
        var locale = new Option<string?>("--locale") { Description = "One locale (de_DE) or a weighted mix (de_DE=60,fr_FR=40)" };

        var command = new Command("generate", "Generate records of one entity, in this process (no server)") { entity, count, format, output, seed, locale };
        command.SetAction((parse, cancellationToken) =>
        {
            var input = new GenerationRequestInput
            {
                Entity = parse.GetValue(entity) ?? "",
                Count = parse.GetValue(count),
                OutputFormat = (int)Formats[parse.GetValue(format) ?? "json"],
                Seed = parse.GetValue(seed),
                Locale = parse.GetValue(locale) ?? "",
            };
            return RunAsync(input, parse.GetValue(output), stdout, stderr, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(GenerationRequestInput input, FileInfo? file, Stream stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var domain = EmbeddedDomain.Build();
        var pipeline = domain.GetRequiredService<RequestPipeline>();
        string? failure = null;
        string? writeFailure = null;
        var output = file is null
            ? new ChunkOutput(() => stdout, ownsStream: false, (DataFormat)input.OutputFormat)
            : new ChunkOutput(() => new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1, useAsync: true), ownsStream: true, (DataFormat)input.OutputFormat);
        try
        {
            await using (output)
            {
                await pipeline.StreamAsync(input, async chunk =>
                {
                    if (!chunk.IsFinal)
                    {
                        try
                        {
                            await output.WriteAsync(chunk.Data.Memory, cancellationToken);
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                        {
                            // The pipeline ends the stream with its own (internal) error chunk; the cause is said here.
                            writeFailure = ex.Message;
                            throw;
                        }
                    }
                    else if (chunk.Data.Length > 0)
                    {
                        // A failed stream ends with {"error": …}: it goes to stderr, never into the data.
                        failure = ErrorOf(chunk.Data.ToString());
                    }
                }, cancellationToken);
                if (failure is null)
                {
                    await output.CompleteAsync(cancellationToken);
                }
            }
        }
        catch (InvalidRequestException ex)
        {
            await stderr.WriteLineAsync($"testdata: invalid {ex.Field}: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (IOException ex)
        {
            await stderr.WriteLineAsync($"testdata: cannot write the output: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException ex)
        {
            await stderr.WriteLineAsync($"testdata: cannot write the output: {ex.Message}");
            return ExitCodes.Failure;
        }

        if (writeFailure is not null)
        {
            await stderr.WriteLineAsync($"testdata: cannot write the output: {writeFailure}");
            return ExitCodes.Failure;
        }

        if (failure is not null)
        {
            await stderr.WriteLineAsync($"testdata: generation failed: {failure}");
            return ExitCodes.Failure;
        }

        return ExitCodes.Ok;
    }

    private static string ErrorOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? json : json;
    }
}
