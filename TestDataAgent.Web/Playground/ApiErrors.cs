using Grpc.Core;

namespace TestDataAgent.Web.Playground;

/// <summary>What the page says when a call fails: the api's own words (they name the field and the setting).</summary>
public static class ApiErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } rpc => $"The api is unavailable: {rpc.Status.Detail}",
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        FormatException format => format.Message,
        _ => exception.Message,
    };
}
