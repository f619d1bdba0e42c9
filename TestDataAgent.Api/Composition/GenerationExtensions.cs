using TestDataAgent.Generators;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Api.Composition;

public static class GenerationExtensions
{
    /// <summary>
    /// The domain: schemas (built-ins plus <c>Schemas:Directory</c>), request validation, the router, the traditional,
    /// LLM and hybrid generators, validation, coherence and output, with <see cref="GenerationOptions"/> bound from
    /// <c>Generation</c>, <see cref="PatternOptions"/> from <c>Generation:Patterns</c> and <see cref="ValidationOptions"/>
    /// (the limits on JSON Schemas <c>ValidateData</c> evaluates) from <c>Validation</c>, <see cref="DatasetOptions"/> from <c>Datasets</c>, all validated at start. The
    /// original's <c>MAX_SYNC_RECORDS</c> still works.
    /// </summary>
    public static IHostApplicationBuilder AddGeneration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GenerationOptions>()
            .BindConfiguration(GenerationOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (int.TryParse(configuration["MAX_SYNC_RECORDS"], out var maxSync))
                {
                    options.MaxSyncRecords = maxSync;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ValidationOptions>()
            .BindConfiguration(ValidationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<PatternOptions>()
            .BindConfiguration(PatternOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DatasetOptions>()
            .BindConfiguration(DatasetOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<PatternLimitsInstaller>();
        builder.Services.AddTestDataGenerators(builder.Configuration["Schemas:Directory"]);
        return builder;
    }
}
