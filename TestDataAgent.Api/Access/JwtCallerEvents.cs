using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace TestDataAgent.Api.Access;

/// <summary>Turns a validated token into our caller (its subject, its scopes from <c>Auth:Jwt:ScopeClaim</c>) and marks a refused one.</summary>
internal static class JwtCallerEvents
{
    public static JwtBearerEvents For(JwtCallerOptions settings) => new()
    {
        OnTokenValidated = context =>
        {
            var user = context.Principal!;
            var subject = user.FindFirst("sub")?.Value ?? user.FindFirst("client_id")?.Value ?? user.FindFirst("azp")?.Value;
            if (string.IsNullOrEmpty(subject))
            {
                RefusedCredential.Mark(context.HttpContext, "The bearer token has no subject (sub, client_id or azp).");
                context.Fail("no subject");
                return Task.CompletedTask;
            }

            var scopes = CallerClaims.ScopesOf(user, settings.ScopeClaim).Where(Scopes.IsKnown);
            context.Principal = CallerClaims.Principal(CallerClaims.Jwt, subject, scopes, JwtBearerDefaults.AuthenticationScheme);
            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            RefusedCredential.Mark(context.HttpContext, $"The bearer token was refused ({context.Exception.GetType().Name}).");
            context.HttpContext.RequestServices.GetRequiredService<AuthFailureLog>().Refused("a bearer token", context.HttpContext);
            return Task.CompletedTask;
        },
    };
}
