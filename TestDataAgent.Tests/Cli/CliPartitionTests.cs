using TestDataAgent.Tests.Access;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary>
/// <c>--partitions N --server a,b</c> over two services on real sockets: the slices, written in order, are the whole
/// run byte for byte; and <c>--api-key</c> reaches a service that refuses anonymous callers.
/// </summary>
public sealed class CliPartitionTests
{
    [Theory]
    [InlineData("ndjson", "5")]
    [InlineData("csv", "4")]
    [InlineData("sql", "2")]
    [InlineData("json", "3")]
    public async Task PartitionsOverTwoServersAreTheWholeRunByteForByte(string format, string partitions)
    {
        await using var first = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        await using var second = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });
        using var directory = new TempDirectory("cli");
        Directory.CreateDirectory(directory.Path);
        var path = Path.Combine(directory.Path, "orders." + format);
        string[] request = ["generate", "order", "-n", "2503", "-f", format, "--seed", "31", "--scenario", "big:100,status=pending"];

        var whole = await CliRun.RunAsync(request);
        var parted = await CliRun.RunAsync([.. request, "-o", path, "--partitions", partitions, "--server", $"{first.GrpcAddress},{second.GrpcAddress}"]);

        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(0, parted.ExitCode);
        Assert.Equal("", parted.Stderr);
        Assert.Equal(whole.Stdout, await File.ReadAllBytesAsync(path));
        Assert.Contains(first.Logs.Messages, m => m.StartsWith("Streamed ", StringComparison.Ordinal));
        Assert.Contains(second.Logs.Messages, m => m.StartsWith("Streamed ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheApiKeyIsSentAndAMissingOneIsRefusedWithExitCodeThree()
    {
        await using var api = ApiHost.Start(AccessKeys.Settings(allowAnonymous: false, ("cli", "cli-key-1", ["generate", "validate"])));
        string[] request = ["generate", "user", "-n", "5", "-f", "ndjson", "--seed", "1", "--server", api.GrpcAddress.ToString()];

        var keyed = await CliRun.RunAsync([.. request, "--api-key", "cli-key-1"]);
        var anonymous = await CliRun.RunAsync(request);

        Assert.Equal(0, keyed.ExitCode);
        Assert.Equal(5, keyed.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(3, anonymous.ExitCode);
        Assert.Contains("Unauthenticated", anonymous.Stderr, StringComparison.Ordinal);
        Assert.Empty(anonymous.Stdout);
    }
}
