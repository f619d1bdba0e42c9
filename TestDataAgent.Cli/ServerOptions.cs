using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// <c>--server URL[,URL…]</c> and <c>--api-key KEY</c> (else <c>TESTDATA_API_KEY</c>): the deployed services a command
/// calls instead of generating in this process. The key travels as the <c>x-api-key</c> header the service checks.
/// </summary>
internal sealed class ServerOptions
{
    public const string ApiKeyVariable = "TESTDATA_API_KEY";

    // A GenerateData answer or a ValidateData request may be large; the service's own limits apply first.
    private const int MaxMessageBytes = 256 * 1024 * 1024;

    public Option<string?> Server { get; } = new("--server") { Description = "Call a deployed service (its gRPC URL, e.g. http://localhost:9091) instead of generating here; several, comma-separated, with --partitions" };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = $"The service's API key (default: ${ApiKeyVariable})" };

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ApiKey);
    }

    /// <summary>The endpoints named, in order; empty when the command runs embedded.</summary>
    public static IReadOnlyList<Uri> Endpoints(string? server)
    {
        if (string.IsNullOrWhiteSpace(server))
        {
            return [];
        }

        return [.. server.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new InvalidRequestException("server", $"server '{text}' is not an http:// or https:// URL"))];
    }

    public static GrpcChannel Channel(Uri endpoint) =>
        GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes, MaxSendMessageSize = MaxMessageBytes });

    public static TestDataService.TestDataServiceClient Client(GrpcChannel channel) => new(channel);

    public static CallOptions Call(string? apiKey, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrEmpty(apiKey) ? Environment.GetEnvironmentVariable(ApiKeyVariable) : apiKey;
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(key))
        {
            headers.Add("x-api-key", key);
        }

        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    /// <summary>A refused or failed call as the exit code and the stderr line: the service's message names the field.</summary>
    public static async Task<int> ReportAsync(RpcException ex, TextWriter stderr)
    {
        if (ex.StatusCode == StatusCode.InvalidArgument)
        {
            await stderr.WriteLineAsync($"testdata: invalid request (the server says): {ex.Status.Detail}");
            return ExitCodes.InvalidInput;
        }

        await stderr.WriteLineAsync($"testdata: the server failed the call: {ex.StatusCode}: {ex.Status.Detail}");
        return ExitCodes.ServerFailure;
    }
}
