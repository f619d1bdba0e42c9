using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// A real redis-server on a loopback port, which a test can stop (kill) and start again on the same port. redis-server
/// cannot bind port 0 and tell its port, so a port that looks free is tried and, if another process took it in the
/// meantime (redis exits: address in use), another one: the server is only used once it says it accepts connections.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const int Attempts = 5;

    private Process? _process;

    private RedisServer()
    {
    }

    public int Port { get; private set; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer();
        for (var attempt = 1; ; attempt++)
        {
            server.Port = UnusedPort();
            if (await server.TryStartAsync())
            {
                return server;
            }

            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"redis-server could not listen on any of {Attempts} ports.");
            }
        }
    }

    /// <summary>Starts it again on its port (after <see cref="KillAsync"/>), as a restarted Redis would come back.</summary>
    public async Task StartAgainAsync()
    {
        if (!await TryStartAsync())
        {
            throw new InvalidOperationException($"redis-server could not listen on {Port} again.");
        }
    }

    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // True once this redis-server says it accepts connections; false when it exits first (the port is taken).
    private async Task<bool> TryStartAsync()
    {
        var start = new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed? .ci/run installs it).");
        using var timeout = new CancellationTokenSource(Deadlines.Hang);
        _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                _process = process;
                // Keep draining its output so it never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return true;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        process.Dispose();
        return false;
    }
}
