namespace TestDataAgent.Api.Composition;

public static class ServiceInfoExtensions
{
    /// <summary>
    /// Who the service is (<c>GET /health</c>: the original's <c>SERVICE_NAME</c> and <c>ENVIRONMENT</c>) and how it logs:
    /// structured JSON outside Development, with scopes (request_id) on every line.
    /// </summary>
    public static IHostApplicationBuilder AddServiceInfo(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        builder.Services.AddOptions<ServiceInfoOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ServiceName = configuration["SERVICE_NAME"] ?? options.ServiceName;
                options.Environment = configuration["ENVIRONMENT"] ?? builder.Environment.EnvironmentName.ToLowerInvariant();
            });
        return builder;
    }
}
