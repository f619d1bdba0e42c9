using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

[Collection(ApiGroup.Name)]
public sealed class LocaleApiTests(ApiFixture api)
{
    [Fact]
    public async Task AGermanRequestGivesGermanPeopleAtGermanAddressesPayingInEuros()
    {
        var users = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 5, Seed = 3, Locale = "de_DE" }, deadline: Deadlines.Call());
        var payments = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "payment", Count = 5, Seed = 3, Locale = "de_DE" }, deadline: Deadlines.Call());

        Assert.True(users.Success, users.Error);
        Assert.True(payments.Success, payments.Error);
        foreach (var user in JsonDocument.Parse(users.Data).RootElement.EnumerateArray())
        {
            if (user.TryGetProperty("phone", out var phone))
            {
                Assert.StartsWith("+49", phone.GetString(), StringComparison.Ordinal);
            }

            Assert.All(user.GetProperty("addresses").EnumerateArray(), a => Assert.Equal("DE", a.GetProperty("country").GetString()));
        }

        Assert.All(JsonDocument.Parse(payments.Data).RootElement.EnumerateArray(), p => Assert.Equal("EUR", p.GetProperty("currency").GetString()));
    }

    [Fact]
    public async Task AUnaryRequestForAnUnknownLocaleIsAnsweredInBandWithTheSupportedOnes()
    {
        var response = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "user", Count = 2, Locale = "xx_XX" }, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains("xx_XX", response.Error, StringComparison.Ordinal);
        Assert.Contains("de_DE", response.Error, StringComparison.Ordinal);
        Assert.Contains("zh_CN", response.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamForAnUnknownLocaleIsRefusedBeforeItsFirstChunk()
    {
        using var call = api.Client.GenerateDataStream(new GenerateRequest { Entity = "user", Count = 2, Locale = "de_DE=60,xx_XX=40" }, deadline: Deadlines.Call());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("ja_JP", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonOverHttpTakesTheLocaleAndListsTheSupportedOnes()
    {
        using var generated = await api.Http.PostAsJsonAsync("/v1/generate", new { entity = "customer", count = 3, seed = 5, locale = "ja_JP" });
        using var listed = await api.Http.GetAsync(new Uri("/v1/locales", UriKind.Relative));

        generated.EnsureSuccessStatusCode();
        listed.EnsureSuccessStatusCode();
        var body = JsonDocument.Parse(await generated.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.All(JsonDocument.Parse(body.GetProperty("data").GetString()!).RootElement.EnumerateArray(),
            c => Assert.StartsWith("+81", c.GetProperty("phone").GetString(), StringComparison.Ordinal));
        var locales = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.GetProperty("locales").EnumerateArray()
            .ToDictionary(l => l.GetProperty("name").GetString()!, l => l.GetProperty("currency").GetString());
        Assert.Equal(16, locales.Count);
        Assert.Equal("JPY", locales["ja_JP"]);
    }
}
