using System.Net;
using System.Text;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// One maximum message size, <c>Transport:MaxMessageBytes</c>, for gRPC and for Kestrel's request body: over it a call is
/// refused with <c>RESOURCE_EXHAUSTED</c> (gRPC) or 413 (HTTP), never <c>UNKNOWN</c>, and under it nothing is cut short by
/// another limit.
/// </summary>
public sealed class SizeLimitTests
{
    private const int SmallLimit = 1024 * 1024;

    [Fact]
    public async Task AGrpcMessageOverTheLimitIsResourceExhaustedAndTheNextCallIsServed()
    {
        await using var api = StartSmall();

        var over = await Assert.ThrowsAsync<RpcException>(async () =>
            await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = new string('x', SmallLimit + 1) }, deadline: Deadlines.Call()));
        var under = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = Padded(SmallLimit - 1024) }, deadline: Deadlines.Call());
        var normal = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, Seed = 1 }, deadline: Deadlines.Call());

        Assert.Equal(StatusCode.ResourceExhausted, over.StatusCode);
        Assert.True(under.Valid, string.Join("; ", under.Violations.Select(v => v.Message)));
        Assert.True(normal.Success, normal.Error);
    }

    [Fact]
    public async Task AJsonBodyOverTheLimitIs413AndTheNextCallIsServed()
    {
        await using var api = StartSmall();

        using var over = await PostValidateAsync(api, new string('x', SmallLimit + 1));
        using var under = await PostValidateAsync(api, Padded(SmallLimit - 1024));
        var normal = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, Seed = 1 }, deadline: Deadlines.Call());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Contains("Transport:MaxMessageBytes", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, under.StatusCode);
        Assert.True(normal.Success, normal.Error);
    }

    [Fact]
    public async Task AGrpcMessageOverKestrelsDefaultBodyLimitButUnderTheMessageLimitIsServed()
    {
        // Kestrel's own default is 30,000,000 bytes; the documented limit (64 MiB) is what applies.
        await using var api = ApiHost.Start(new Dictionary<string, string> { ["ConnectionStrings:redis"] = "" });

        var response = await api.Client.ValidateDataAsync(new ValidateDataRequest { Entity = "user", Data = Padded(31_000_000) }, deadline: Deadlines.Call());

        Assert.True(response.Valid, string.Join("; ", response.Violations.Select(v => v.Message)));
    }

    [Fact]
    public void AUnaryResponseLimitThatDoesNotFitInAMessageStopsTheStart()
    {
        var failure = Record.Exception(() => ApiHost.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:redis"] = "",
            ["Transport:MaxMessageBytes"] = SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));

        Assert.NotNull(failure);
        Assert.Contains("Generation:MaxUnaryResponseBytes must be less than Transport:MaxMessageBytes", failure.ToString(), StringComparison.Ordinal);
    }

    private static ApiHost StartSmall() => ApiHost.Start(new Dictionary<string, string>
    {
        ["ConnectionStrings:redis"] = "",
        ["Transport:MaxMessageBytes"] = SmallLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Generation:MaxUnaryResponseBytes"] = (SmallLimit / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>One valid user record padded with spaces to <paramref name="bytes"/> bytes: a large message the service must read whole.</summary>
    private static string Padded(int bytes)
    {
        const string record = """[{"user_id":"USR-1234567","email":"a@b.co","first_name":"Al","last_name":"Bo","created_at":"2026-01-01T00:00:00Z"}]""";
        return record + new string(' ', bytes - Encoding.UTF8.GetByteCount(record));
    }

    private static Task<HttpResponseMessage> PostValidateAsync(ApiHost api, string data)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { entity = "user", data });
        // As a careful client sends a large body: the server may answer 413 from the headers alone and close the
        // connection; with 100-continue the client reads that answer instead of failing on a broken pipe mid-body.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/validate", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        return SendCarefullyAsync(api, request);
    }

    /// <summary>
    /// HttpClient waits only 1 s for the answer to 100-continue before it sends the body anyway; on a loaded machine the
    /// 413 can come later than that and the client then fails on a broken pipe (seen once in CI). The wait here is the
    /// call deadline instead.
    /// </summary>
    private static async Task<HttpResponseMessage> SendCarefullyAsync(ApiHost api, HttpRequestMessage request)
    {
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = Deadlines.Hang }, disposeHandler: true)
        {
            BaseAddress = api.HttpAddress,
            Timeout = Deadlines.Hang,
        };
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

}
