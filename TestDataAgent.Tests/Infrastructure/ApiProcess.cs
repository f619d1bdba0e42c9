using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// The Api in a process of its own (<c>dotnet exec TestDataAgent.Api.dll</c>), for what an in-process host cannot
/// show: a kill -9, or process-wide state such as the meters every host in the test process shares. It binds port 0
/// and the test reads the ports it logs ("Now listening on", gRPC first); killed when disposed.
/// </summary>
public sealed partial class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly GrpcChannel _channel;

    private ApiProcess(Process process, int grpcPort, int httpPort, ConcurrentQueue<string> output)
    {
        _process = process;
        Output = output;
        _channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Client = new TestDataService.TestDataServiceClient(_channel);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = Deadlines.Hang };
    }

    public TestDataService.TestDataServiceClient Client { get; }

    public HttpClient Http { get; }

    /// <summary>Every line the process wrote, stdout and stderr.</summary>
    public ConcurrentQueue<string> Output { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the Api with <paramref name="environment"/> (configuration keys with <c>__</c>) and waits until it serves.
    /// The process runs as in production (no ASPNETCORE_ENVIRONMENT), where callers need a credential unless
    /// <paramref name="allowAnonymous"/> (the default, for tests about other things) turns anonymous access on.
    /// </summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, bool allowAnonymous = true)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "TestDataAgent.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GRPC_PORT"] = "0";
        start.Environment["HTTP_PORT"] = "0";
        start.Environment["ConnectionStrings__redis"] = "";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        if (allowAnonymous)
        {
            start.Environment["Auth__AllowAnonymous"] = "true";
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var ports = new List<int>();
        var bound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }

            if (line.Data is not null && ListeningOn().Match(line.Data) is { Success: true } listening)
            {
                lock (ports)
                {
                    ports.Add(int.Parse(listening.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
                    if (ports.Count == 2)
                    {
                        bound.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                output.Enqueue(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(Deadlines.SlowStartHang);
            await bound.Task.WaitAsync(timeout.Token);
            var api = new ApiProcess(process, ports[0], ports[1], output);
            await api.WaitUntilServingAsync(timeout.Token);
            return api;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finalizers.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        _channel.Dispose();
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await Client.HealthCheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
                return;
            }
            catch (Grpc.Core.RpcException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    // Kestrel's "Now listening on: http://[::]:40123", in a plain or a JSON log line.
    [GeneratedRegex(@"Now listening on: http://(?:\[[^\]]*\]|[^:/""\s]+):(\d+)")]
    private static partial Regex ListeningOn();
}
