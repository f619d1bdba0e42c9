using System.Diagnostics;
using Npgsql;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Datasets;

/// <summary>
/// A PostgreSQL cluster of Debian's packages made for one test with <c>initdb</c> and <c>pg_ctl</c>, listening only on a
/// Unix socket in its own directory (no TCP port to collide with), and removed when disposed. initdb refuses root, so
/// under root the cluster is made and run as the <c>postgres</c> user the package creates.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly TempDirectory _directory = new("tda-pg");
    private readonly string _bin;

    private ThrowawayPostgres(string bin) => _bin = bin;

    public string ConnectionString => $"Host={_directory.Path};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var initdb = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "initdb")).Where(File.Exists).OrderDescending().FirstOrDefault()
            : null;
        Assert.True(initdb is not null, "PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does)");
        var cluster = new ThrowawayPostgres(Path.GetDirectoryName(initdb)!);
        Directory.CreateDirectory(cluster._directory.Path);
        if (!OperatingSystem.IsWindows())
        {
            // The postgres user (under root) must reach its socket and data directory.
            File.SetUnixFileMode(cluster._directory.Path, (UnixFileMode)0x1FF);
        }
        var data = Path.Combine(cluster._directory.Path, "data");
        await cluster.RunAsync("initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync");
        await cluster.RunAsync("pg_ctl", "-D", data, "-w", "-l", Path.Combine(cluster._directory.Path, "log"),
            "-o", $"-c listen_addresses='' -c unix_socket_directories='{cluster._directory.Path}' -c fsync=off", "start");
        return cluster;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", "-D", Path.Combine(_directory.Path, "data"), "-m", "immediate", "stop");
        }
        finally
        {
            _directory.Dispose();
        }
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(_bin, tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asRoot)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", Path.Combine(_bin, tool) })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Deadlines.Hang);
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await output}{await error}");
    }
}
