using System.Net;
using System.Net.Sockets;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// A TCP proxy on a loopback port it binds itself (port 0), forwarding to a target, that a test tells at run time how
/// the network behaves: pass bytes on, delay each chunk, stall (accept and read, forward nothing until told
/// otherwise, as a partition does), or reset every connection (as a restarting server does, and refuse new ones with
/// a reset until told otherwise).
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Socket> _open = [];
    private readonly Task _accepting;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FaultMode _mode = FaultMode.Pass;
    private TimeSpan _delay;
    private int _accepted;

    private TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary><c>host:port</c> of the proxy, for a Redis connection string.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>Connections accepted since the proxy started.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public static TcpFaultProxy Start(int targetPort) => new(targetPort);

    /// <summary>Forward every byte at once (also sends on what a stall held).</summary>
    public void Pass() => Set(FaultMode.Pass, TimeSpan.Zero);

    /// <summary>Wait <paramref name="delay"/> before forwarding each chunk read, in both directions.</summary>
    public void Delay(TimeSpan delay) => Set(FaultMode.Delay, delay);

    /// <summary>Accept connections and read from them, but forward nothing until another mode is set.</summary>
    public void Stall() => Set(FaultMode.Stall, TimeSpan.Zero);

    /// <summary>Reset (RST) every open connection, and every new one, until another mode is set.</summary>
    public void Reset()
    {
        Set(FaultMode.Reset, TimeSpan.Zero);
        Socket[] open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var socket in open)
        {
            Abort(socket);
        }
    }

    private void Set(FaultMode mode, TimeSpan delay)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _mode = mode;
            _delay = delay;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        lock (_gate)
        {
            if (_mode == FaultMode.Reset)
            {
                Abort(client);
                return;
            }

            _open.Add(client);
        }

        var target = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            lock (_gate)
            {
                _open.Add(target);
            }

            // Either direction ending ends both, as a real connection does.
            await Task.WhenAny(PumpAsync(client, target), PumpAsync(target, client));
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The target refused, or the proxy stops.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(target);
            }

            Abort(client);
            Abort(target);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (!await GateAsync())
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Holds a chunk as the mode says; false when the connection is to be reset.</summary>
    private async Task<bool> GateAsync()
    {
        while (true)
        {
            FaultMode mode;
            TimeSpan delay;
            Task changed;
            lock (_gate)
            {
                (mode, delay, changed) = (_mode, _delay, _changed.Task);
            }

            switch (mode)
            {
                case FaultMode.Pass:
                    return true;
                case FaultMode.Reset:
                    return false;
                case FaultMode.Delay:
                    await Task.Delay(delay, _stopping.Token);
                    return true;
                default:
                    await changed.WaitAsync(_stopping.Token);
                    break;
            }
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            // Linger 0: close sends RST, as a crashed or restarted peer's kernel does.
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Reset();
        _stopping.Dispose();
    }

    private enum FaultMode
    {
        Pass,
        Delay,
        Stall,
        Reset,
    }
}
