using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Grants a <see cref="ScopeRequirement"/> to an authenticated caller holding the scope (or <c>admin</c>), and to a
/// caller without a credential when <c>Auth:AllowAnonymous</c> is on and <c>Auth:Anonymous:Scopes</c> has it. A caller
/// whose credential was refused is not treated as anonymous: a wrong key stays a wrong key.
/// </summary>
internal sealed class ScopeAuthorizationHandler(IOptions<AuthOptions> options, IHostEnvironment environment) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            var held = CallerClaims.ScopesOf(user).ToHashSet(StringComparer.Ordinal);
            if (held.Contains(Scopes.Admin) || (requirement.Scope is null ? held.Count > 0 : held.Contains(requirement.Scope)))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext;
        var refused = http is not null && RefusedCredential.Of(http) is not null;
        var settings = options.Value;
        if (!refused && AnonymousAllowed(settings, environment)
            && (requirement.Scope is null || settings.Anonymous.EffectiveScopes.Contains(requirement.Scope, StringComparer.Ordinal)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>Auth:AllowAnonymous</c>, or when it is not set, whether this is Development.</summary>
    public static bool AnonymousAllowed(AuthOptions settings, IHostEnvironment environment) =>
        settings.AllowAnonymous ?? environment.IsDevelopment();
}
