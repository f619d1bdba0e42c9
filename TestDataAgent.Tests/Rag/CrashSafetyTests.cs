extern alias ApiAssembly;
using System.Diagnostics;
using ApiAssembly::TestDataAgent.Api.Infrastructure.PatternStore;
using Grpc.Net.Client;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Rag;

/// <summary>An acknowledged RecordPatterns survives the process being killed with SIGKILL right after it answers.</summary>
public sealed class CrashSafetyTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"tda-rag-kill-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task APatternAcknowledgedBeforeAKillDashNineIsStillStored()
    {
        var grpcPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "TestDataAgent.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["GRPC_PORT"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HTTP_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Rag__DataDirectory"] = _directory;
        start.Environment["Rag__SeedOnStartup"] = "false";
        start.Environment["ConnectionStrings__redis"] = "";
        using var cancellation = new CancellationTokenSource(s_timeout);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
            var client = new TestDataService.TestDataServiceClient(channel);
            await WaitUntilServingAsync(client, cancellation.Token);
            var request = new RecordPatternsRequest
            {
                Entity = "product",
                Synthetic = true,
                Description = "recorded just before the process is killed",
                Data = """[{"product_id":"PRD-9000001","name":"Kill Switch","price":19.99,"category":"Electronics","sku":"ELE-900001","in_stock":true,"stock_quantity":3,"brand":"Crashco","created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z"}]""",
            };

            var stored = await client.RecordPatternsAsync(request, cancellationToken: cancellation.Token);
            // SIGKILL: no shutdown, no flush, no finalizers.
            process.Kill();
            await process.WaitForExitAsync(cancellation.Token);

            using var reopened = new EmbeddedPatternCollection("TestDataPattern", _directory);
            var found = await reopened.GetAsync(stored.Ids[0], cancellationToken: cancellation.Token);
            Assert.NotNull(found);
            Assert.Contains("Kill Switch", found.Data, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static async Task WaitUntilServingAsync(TestDataService.TestDataServiceClient client, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.HealthCheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                return;
            }
            catch (Grpc.Core.RpcException) when (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
