using Microsoft.AspNetCore.Authentication.Certificate;

namespace TestDataAgent.Api.Access;

/// <summary>Maps a validated client certificate to the caller configured for its thumbprint or subject; any other is refused.</summary>
internal static class CertificateCallerEvents
{
    public static CertificateAuthenticationEvents For(AuthOptions settings) => new()
    {
        OnCertificateValidated = context =>
        {
            var certificate = context.ClientCertificate;
            foreach (var (name, entry) in settings.Certificates)
            {
                var matches = !string.IsNullOrWhiteSpace(entry.Thumbprint)
                    ? string.Equals(entry.Thumbprint.Replace(":", "", StringComparison.Ordinal), certificate.Thumbprint, StringComparison.OrdinalIgnoreCase)
                    : string.Equals(entry.Subject, certificate.Subject, StringComparison.Ordinal);
                if (matches)
                {
                    context.Principal = CallerClaims.Principal(CallerClaims.Certificate, name, entry.Scopes, CertificateAuthenticationDefaults.AuthenticationScheme);
                    context.Success();
                    return Task.CompletedTask;
                }
            }

            Refuse(context.HttpContext, $"The client certificate {certificate.Subject} is not configured under Auth:Certificates.");
            context.Fail("unknown certificate");
            return Task.CompletedTask;
        },
        OnAuthenticationFailed = context =>
        {
            Refuse(context.HttpContext, $"The client certificate was refused ({context.Exception.GetType().Name}).");
            return Task.CompletedTask;
        },
    };

    private static void Refuse(HttpContext context, string why)
    {
        RefusedCredential.Mark(context, why);
        context.RequestServices.GetRequiredService<AuthFailureLog>().Refused("a client certificate", context);
    }
}
