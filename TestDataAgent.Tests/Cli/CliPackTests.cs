namespace TestDataAgent.Tests.Cli;

/// <summary>
/// The tool as a user gets it: <c>dotnet pack TestDataAgent.Cli</c> into a folder, <c>dotnet tool install --tool-path</c>
/// from it, then the installed <c>testdata</c> writes a CSV with no server. Packs the build the tests run on (<c>--no-build</c>).
/// </summary>
public sealed class CliPackTests
{
    [Fact]
    public async Task ThePackedToolInstallsFromALocalFolderAndGeneratesACsvWithNoServer()
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var work = Path.Combine(Path.GetTempPath(), $"cli-pack-{Guid.NewGuid():N}");
        try
        {
            var nupkg = Path.Combine(work, "nupkg");
            var tools = Path.Combine(work, "tools");
            var csv = Path.Combine(work, "users.csv");

            var pack = await CliProcess.RunAsync("dotnet", "pack", Path.Combine(root, "TestDataAgent.Cli"), "-c", configuration, "--no-build", "-o", nupkg);
            Assert.True(pack.ExitCode == 0, pack.Stdout + pack.Stderr);
            var install = await CliProcess.RunAsync("dotnet", "tool", "install", "--tool-path", tools, "--add-source", nupkg, "TestDataAgent.Cli");
            Assert.True(install.ExitCode == 0, install.Stdout + install.Stderr);
            var run = await CliProcess.RunAsync(Path.Combine(tools, "testdata"), "generate", "user", "-n", "1000", "-f", "csv", "-o", csv, "--seed", "42");

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Stderr);
            var direct = await CliRun.RunAsync("generate", "user", "-n", "1000", "-f", "csv", "--seed", "42");
            Assert.Equal(direct.Stdout, await File.ReadAllBytesAsync(csv));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TestDataAgent.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no TestDataAgent.slnx above {AppContext.BaseDirectory}");
    }
}
