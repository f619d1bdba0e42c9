using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary>The CLI generates in its own process through the same domain pipeline as the service: the same seed gives the same bytes.</summary>
[Collection(ApiGroup.Name)]
public sealed class CliMatchesServiceTests(ApiFixture api)
{
    [Fact]
    public async Task SeededNdjsonFromTheCliIsTheServicesStreamByteForByte()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = "user", Count = 200, Seed = 42, OutputFormat = OutputFormat.Ndjson }, deadline: Deadlines.Call());
        using var served = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.False(chunk.IsFinal && chunk.Data.Length > 0, chunk.Data);
            var bytes = System.Text.Encoding.UTF8.GetBytes(chunk.Data);
            served.Write(bytes);
        }

        var run = await CliRun.RunAsync("generate", "user", "-n", "200", "-f", "ndjson", "--seed", "42");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Equal(200, run.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(served.ToArray(), run.Stdout);
    }

    [Fact]
    public async Task SeededJsonFromTheCliIsOneArrayEqualToTheServicesUnaryAnswer()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 300, Seed = 7, OutputFormat = OutputFormat.Json }, deadline: Deadlines.Call());
        Assert.True(response.Success, response.Error);

        var run = await CliRun.RunAsync("generate", "order", "-n", "300", "-f", "json", "--seed", "7");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(response.Data, run.StdoutText);
    }
}
