using System.CommandLine;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Pipeline;

namespace TestDataAgent.Cli;

/// <summary><c>testdata schemas</c>: one line per built-in entity, its name, a tab and its description.</summary>
internal static class SchemasCommand
{
    public static Command Create(Stream stdout)
    {
        var command = new Command("schemas", "List the entities that can be generated, with their descriptions");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var domain = EmbeddedDomain.Build();
            var text = new StringBuilder();
            foreach (var schema in domain.GetRequiredService<SchemaCatalog>().List("").OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                text.Append(schema.Name).Append('\t').Append(schema.Description).Append('\n');
            }

            await stdout.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
            await stdout.FlushAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
