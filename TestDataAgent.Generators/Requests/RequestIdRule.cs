namespace TestDataAgent.Generators.Requests;

/// <summary>
/// The one rule for a caller's <c>request_id</c>, on every method that takes one: at most
/// <see cref="GenerationOptions.MaxRequestIdLength"/> characters, since it is echoed into responses, logs and traces.
/// </summary>
public static class RequestIdRule
{
    /// <exception cref="InvalidRequestException">The id is longer than the setting allows.</exception>
    public static void Check(string requestId, GenerationOptions options)
    {
        if (requestId.Length > options.MaxRequestIdLength)
        {
            throw new InvalidRequestException("request_id",
                $"request_id is {requestId.Length} characters; at most {options.MaxRequestIdLength} are allowed (Generation:MaxRequestIdLength)");
        }
    }
}
