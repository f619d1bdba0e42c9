using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Cli;

/// <summary><c>testdata dataset</c> embedded: one file per table (SQL one file) whose foreign keys all name a written row.</summary>
public sealed class CliDatasetTests
{
    // (child table, its key field, parent table, the parent's key) in the ecommerce_core preset.
    private static readonly (string Child, string Field, string Parent, string Key)[] References =
    [
        ("orders", "customer_id", "customers", "customer_id"),
        ("order_items", "order_id", "orders", "order_id"),
        ("order_items", "product_id", "products", "product_id"),
        ("payments", "order_id", "orders", "order_id"),
        ("shipments", "order_id", "orders", "order_id"),
        ("reviews", "order_item_id", "order_items", "order_item_id"),
        ("refunds", "payment_id", "payments", "payment_id"),
    ];

    [Fact]
    public async Task NdjsonFilesOneATableHaveNoOrphanAndTheRootCountAsked()
    {
        using var directory = new TempDirectory("cli-ds");

        var run = await CliRun.RunAsync("dataset", "ecommerce_core", "-o", directory.Path, "--seed", "21", "--table", "customers=400");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("0 orphans", run.Stderr, StringComparison.Ordinal);
        var tables = Directory.GetFiles(directory.Path, "*.ndjson").ToDictionary(p => Path.GetFileNameWithoutExtension(p), Rows, StringComparer.Ordinal);
        Assert.Equal(["customers", "order_items", "orders", "payments", "products", "refunds", "reviews", "shipments"], tables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(400, tables["customers"].Count);
        Assert.True(tables["order_items"].Count > 1000, "the dataset must span several chunks of a table");
        foreach (var (child, field, parent, key) in References)
        {
            var keys = tables[parent].Select(r => (string)r[key]!).ToHashSet(StringComparer.Ordinal);
            Assert.All(tables[child], r => Assert.Contains((string)r[field]!, keys));
        }
    }

    [Fact]
    public async Task SqlIsOneFileThatLoadsIntoSqliteWithForeignKeysOn()
    {
        using var directory = new TempDirectory("cli-ds");

        var run = await CliRun.RunAsync("dataset", "ecommerce_core", "-o", directory.Path, "-f", "sql", "--seed", "22", "--table", "customers=400");

        Assert.Equal(0, run.ExitCode);
        var file = Assert.Single(Directory.GetFiles(directory.Path));
        Assert.Equal("ecommerce_core.sql", Path.GetFileName(file));
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = ON;");
        Execute(connection, await File.ReadAllTextAsync(file));
        Assert.Equal(400L, Scalar(connection, "SELECT COUNT(*) FROM customers"));
        Assert.Equal(0L, Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
    }

    [Theory]
    [InlineData("unicorn_shop", "--seed", "1", "invalid preset")]
    [InlineData("ecommerce_core", "--table", "customers=lots", "invalid table")]
    [InlineData("ecommerce_core", "--format", "xml", "xml")]
    public async Task BadInputExitsWithTwoAndWritesNoDirectory(string preset, string option, string value, string error)
    {
        using var directory = new TempDirectory("cli-ds");

        var run = await CliRun.RunAsync("dataset", preset, "-o", directory.Path, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory.Path), "a refused request made the output directory");
    }

    private static List<JsonObject> Rows(string path) =>
        [.. File.ReadLines(path).Select(line => JsonNode.Parse(line)!.AsObject())];

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
