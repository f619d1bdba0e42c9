using Grpc.Core;
using TestDataAgent.Contracts.V1;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Integration;

/// <summary>
/// Small requests that would make huge records (issue 14): each is refused before any record is made, naming the bound
/// and its setting, and the service answers a normal request right after.
/// </summary>
[Collection(ApiGroup.Name)]
public sealed class RequestCostTests(ApiFixture api)
{
    [Fact]
    public async Task ArraysNestedSixteenDeepAreRefusedUpFront()
    {
        var request = new GenerateRequest { Entity = "deep", Count = 10_000, Schema = new Schema() };
        var field = new Field { Name = "level0", Type = FieldType.Array };
        request.Schema.Fields.Add(field);
        for (var depth = 1; depth < 16; depth++)
        {
            var inner = new Field { Name = $"level{depth}", Type = FieldType.Array };
            field.NestedFields.Add(inner);
            field = inner;
        }

        await AssertRefusedAsync(request, "Generation:MaxRecordBytes");
        using var stream = api.Client.GenerateDataStream(request, deadline: Deadlines.Call());
        var error = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("Generation:MaxRecordBytes", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"s":{"type":"string","minLength":5000000}}}""", "Generation:MaxStringLength")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","minItems":3000000,"items":{"type":"integer"}}}}""", "Generation:MaxArrayItems")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","maxItems":10000,"items":{"type":"array","maxItems":10000,"items":{"type":"string","maxLength":100}}}}}""", "Generation:MaxRecordBytes")]
    public async Task AJsonSchemaWithHugeBoundsIsRefusedNamingTheSetting(string schema, string setting)
    {
        await AssertRefusedAsync(new GenerateRequest { Entity = "huge", Count = 10, CustomSchema = schema }, setting);
    }

    [Fact]
    public async Task AMinimumLengthWithoutAMaximumIsStillCapped()
    {
        var request = new GenerateRequest { Entity = "user", Count = 10, Constraints = new Constraints() };
        request.Constraints.FieldConstraints["phone"] = new FieldConstraint { MinLength = 5_000_000 };

        await AssertRefusedAsync(request, "Generation:MaxStringLength");
    }

    [Fact]
    public async Task ALargeOverrideOnManyRecordsIsRefusedInBandNotAfterBuildingIt()
    {
        var request = new GenerateRequest { Entity = "user", Count = 10_000 };
        var scenario = new Scenario { Name = "big", Count = 10_000 };
        scenario.Overrides["first_name"] = new string('x', 20_000);
        request.Scenarios.Add(scenario);

        await AssertRefusedAsync(request, "Generation:MaxUnaryResponseBytes");
    }

    private async Task AssertRefusedAsync(GenerateRequest request, string setting)
    {
        var response = await api.Client.GenerateDataAsync(request, deadline: Deadlines.Call());

        Assert.False(response.Success);
        Assert.Contains(setting, response.Error, StringComparison.Ordinal);
        var normal = await api.Client.GenerateDataAsync(new GenerateRequest { Entity = "order", Count = 20 }, deadline: Deadlines.Call());
        Assert.True(normal.Success, normal.Error);
    }

}
