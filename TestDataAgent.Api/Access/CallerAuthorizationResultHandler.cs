using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace TestDataAgent.Api.Access;

/// <summary>
/// Answers a call that authorization refused in its own protocol (<see cref="CallRefusals"/>): no credential, or one that
/// was refused, is <c>UNAUTHENTICATED</c> / 401 (with the scheme's <c>WWW-Authenticate</c> over HTTP); a credential
/// without the scope is <c>PERMISSION_DENIED</c> / 403, naming the scope.
/// </summary>
internal sealed class CallerAuthorizationResultHandler(AuthFailureLog failures) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var scope = policy.Requirements.OfType<ScopeRequirement>().FirstOrDefault()?.Scope;
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            failures.Refused($"a caller without the '{scope}' scope", context);
            await CallRefusals.WriteAsync(context, CallRefusals.PermissionDenied, StatusCodes.Status403Forbidden,
                $"The caller '{context.User.Identity.Name}' lacks the '{scope ?? "any"}' scope this call needs.");
            return;
        }

        if (!CallRefusals.IsGrpc(context))
        {
            // The scheme's challenge sets WWW-Authenticate (Bearer, when JWTs are configured).
            await context.ChallengeAsync();
        }

        var message = RefusedCredential.Of(context)
            ?? $"This call needs a credential: an API key in the {ApiKeyAuthenticationHandler.HeaderName} header (or metadata), a bearer token, or a client certificate.";
        await CallRefusals.WriteAsync(context, CallRefusals.Unauthenticated, StatusCodes.Status401Unauthorized, message);
    }
}
