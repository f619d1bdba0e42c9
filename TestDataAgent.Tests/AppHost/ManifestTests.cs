using System.Diagnostics;
using System.Text.Json.Nodes;

using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.AppHost;

public sealed class ManifestTests
{
    [Fact]
    public async Task TheCommittedAspireManifestIsCurrent()
    {
        var root = RepositoryRoot();
        var fresh = Path.Combine(root, $"aspire-manifest.{Guid.NewGuid():N}.tmp.json");
        try
        {
            // The same publisher the README names, run on the built AppHost; paths in the manifest are relative to it.
            var appHost = Path.Combine(AppContext.BaseDirectory, "TestDataAgent.AppHost.dll");
            var start = new ProcessStartInfo("dotnet", ["exec", appHost, "--publisher", "manifest", "--output-path", fresh])
            {
                WorkingDirectory = Path.Combine(root, "TestDataAgent.AppHost"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Deadlines.SlowStartHang);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, await output + await errors);

            var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(root, "aspire-manifest.json")));
            var generated = JsonNode.Parse(await File.ReadAllTextAsync(fresh));
            Assert.True(JsonNode.DeepEquals(committed, generated),
                "aspire-manifest.json is stale: run `dotnet run --project TestDataAgent.AppHost -- --publisher manifest --output-path ../aspire-manifest.json` and commit it.");
        }
        finally
        {
            File.Delete(fresh);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TestDataAgent.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TestDataAgent.slnx not found above the test binaries.");
    }
}
