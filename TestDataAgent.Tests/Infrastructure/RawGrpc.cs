using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace TestDataAgent.Tests.Infrastructure;

/// <summary>
/// A server-streaming gRPC call made over plain HTTP/2. Unlike Grpc.Net.Client it keeps no timer of its own for the
/// deadline it sends (<c>grpc-timeout</c>), and never cancels: whatever ends the call, the server did.
/// </summary>
internal static class RawGrpc
{
    /// <summary>
    /// How the call ended: the whole messages received, the <c>grpc-status</c> trailer if any, and whether the server
    /// cut the response short (a reset, or the body ending inside a message with no trailers).
    /// </summary>
    public sealed record Outcome(int Messages, string? Status, bool Cut);

    public static async Task<Outcome> ServerStreamAsync(Uri address, string method, IMessage request, string grpcTimeout)
    {
        using var handler = new SocketsHttpHandler();
        using var http = new HttpClient(handler) { Timeout = Deadlines.Hang };
        using var message = Frame(address, method, request, grpcTimeout);

        // Only a hang is bounded here: a server that ignores the deadline streams for minutes and fails the test.
        using var hang = new CancellationTokenSource(Deadlines.Hang);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, hang.Token);
        await using var body = await response.Content.ReadAsStreamAsync(hang.Token);
        var messages = 0;
        var prefix = new byte[5];
        try
        {
            while (await body.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, hang.Token) == prefix.Length)
            {
                var length = (int)BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1));
                if (await body.ReadAtLeastAsync(new byte[length], length, throwOnEndOfStream: false, hang.Token) < length)
                {
                    // A message cut short: the server ended the response while writing it.
                    return new Outcome(messages, Status: null, Cut: true);
                }

                messages++;
            }
        }
        catch (HttpIOException)
        {
            return new Outcome(messages, Status: null, Cut: true);
        }

        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.Single()
            : response.Headers.TryGetValues("grpc-status", out var header) ? header.Single() : null;
        return new Outcome(messages, status, Cut: false);
    }

    /// <summary>The messages of a call, as the bytes on the wire (each message's payload, without its 5-byte prefix).</summary>
    public static async Task<List<byte[]>> PayloadsAsync(Uri address, string method, IMessage request)
    {
        using var handler = new SocketsHttpHandler();
        using var http = new HttpClient(handler) { Timeout = Deadlines.Hang };
        using var message = Frame(address, method, request, "60S");
        using var hang = new CancellationTokenSource(Deadlines.Hang);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, hang.Token);
        await using var body = await response.Content.ReadAsStreamAsync(hang.Token);
        var payloads = new List<byte[]>();
        var prefix = new byte[5];
        while (await body.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, hang.Token) == prefix.Length)
        {
            Assert.Equal(0, prefix[0]);
            var payload = new byte[(int)BinaryPrimitives.ReadUInt32BigEndian(prefix.AsSpan(1))];
            await body.ReadExactlyAsync(payload, hang.Token);
            payloads.Add(payload);
        }

        return payloads;
    }

    private static HttpRequestMessage Frame(Uri address, string method, IMessage request, string grpcTimeout)
    {
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        // HTTP/2 with prior knowledge (h2c), as gRPC clients speak to the plaintext port.
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(address, method))
        {
            Content = new ByteArrayContent(frame),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        message.Headers.TryAddWithoutValidation("grpc-timeout", grpcTimeout);

        return message;
    }
}
