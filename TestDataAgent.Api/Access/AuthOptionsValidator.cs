using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>Stops start-up on <c>Auth</c> settings that cannot work, naming the setting (<see cref="AuthOptions.Problem"/>).</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
