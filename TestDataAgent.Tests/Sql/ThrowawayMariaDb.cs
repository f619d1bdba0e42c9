using System.Diagnostics;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Sql;

/// <summary>
/// A MariaDB server of Debian's packages (the MySQL dialect's engine here) made for one test with
/// <c>mariadb-install-db</c> and run with <c>mariadbd</c> on a Unix socket in its own directory, networking off; the
/// <c>mariadb</c> client runs scripts and queries. Removed when disposed.
/// </summary>
internal sealed class ThrowawayMariaDb : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("tda-maria");
    private Process? _server;

    private string Socket => Path.Combine(_directory.Path, "sock");

    public static async Task<ThrowawayMariaDb> StartAsync()
    {
        Assert.True(File.Exists("/usr/sbin/mariadbd") || File.Exists("/usr/bin/mariadbd"),
            "MariaDB is not installed: apt-get install -y mariadb-server mariadb-client (.ci/run does)");
        var server = new ThrowawayMariaDb();
        Directory.CreateDirectory(server._directory.Path);
        var data = Path.Combine(server._directory.Path, "data");
        await RunAsync("mariadb-install-db", "", "--no-defaults", $"--datadir={data}", "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db");
        server._server = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/mariadbd") ? "/usr/sbin/mariadbd" : "mariadbd")
        {
            ArgumentList =
            {
                "--no-defaults", $"--datadir={data}", $"--socket={server.Socket}", "--skip-networking", "--user=root",
                $"--pid-file={Path.Combine(server._directory.Path, "pid")}", $"--log-error={Path.Combine(server._directory.Path, "log")}",
                "--innodb-flush-log-at-trx-commit=0",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var ready = new CancellationTokenSource(Deadlines.Hang);
        while (!File.Exists(server.Socket))
        {
            Assert.False(server._server.HasExited, $"mariadbd stopped: {ReadLog(server)}");
            await Task.Delay(100, ready.Token);
        }

        await server.ExecuteAsync("CREATE DATABASE t;", database: "");
        return server;
    }

    /// <summary>Runs a script in database <c>t</c>; a failing statement fails the test with the server's message.</summary>
    public Task ExecuteAsync(string sql, string database = "t") => RunAsync("mariadb", sql, Client(database, "--batch"));

    /// <summary>The first column of a query's rows, as raw text.</summary>
    public async Task<List<string>> QueryAsync(string sql) =>
        [.. (await RunAsync("mariadb", sql, Client("t", "--batch", "--raw", "--skip-column-names"))).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync().WaitAsync(Deadlines.Hang);
            }

            _server?.Dispose();
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private string[] Client(string database, params string[] options) =>
        ["--no-defaults", $"--socket={Socket}", "-uroot", .. options, .. (database.Length > 0 ? new[] { database } : [])];

    private static string ReadLog(ThrowawayMariaDb server)
    {
        var log = Path.Combine(server._directory.Path, "log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    private static async Task<string> RunAsync(string tool, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(Deadlines.Hang);
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
