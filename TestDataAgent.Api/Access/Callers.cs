using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace TestDataAgent.Api.Access;

/// <summary>Finds the <see cref="Caller"/> of a request from its authenticated user (or its client address).</summary>
public sealed class Callers(IOptions<AuthOptions> options)
{
    public const string AnonymousLabel = "anonymous";

    public Caller Of(HttpContext context)
    {
        var user = context.User;
        var settings = options.Value;
        if (user.Identity?.IsAuthenticated == true && user.Identity.Name is { } name)
        {
            switch (user.FindFirstValue(CallerClaims.KindType))
            {
                case CallerClaims.ApiKey when settings.ApiKeys.TryGetValue(name, out var key):
                    return new Caller($"key:{name}", $"key:{name}", key);
                case CallerClaims.Certificate when settings.Certificates.TryGetValue(name, out var certificate):
                    return new Caller($"cert:{name}", $"cert:{name}", certificate);
                default:
                    // JWT subjects are unbounded: limits per subject, one metric label for all.
                    return new Caller($"jwt:{name}", CallerClaims.Jwt, settings.Jwt);
            }
        }

        return new Caller($"{AnonymousLabel}:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}", AnonymousLabel, settings.Anonymous);
    }
}
