using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Datasets;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Sql;

/// <summary>
/// <c>sql_dialect</c>: each dialect's script runs in a real engine where one runs here (SQLite, PostgreSQL and MariaDB
/// from Debian's packages) and gives back exactly the strings that went in, quotes, backslashes and all; SQL Server's,
/// with no engine here, is checked by its text.
/// </summary>
public sealed class SqlDialectTests
{
    // Under the customer schema's 50-character first_name; one with a backslash (MySQL's hex literal), one without.
    private const string Slashed = "O'Brien \\ \"q\" `b` [s] ]] ; -- x\nline ü 😀 '';";
    private const string Quoted = "d'Artagnan \"x\" `y` [z] ;--";

    [Theory]
    [InlineData("")]
    [InlineData("sqlite")]
    public async Task SqliteGetsBackEveryStringAsSent(string dialect)
    {
        var sql = await CustomersSqlAsync(dialect);
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var command = new SqliteCommand(sql, connection))
        {
            command.ExecuteNonQuery();
        }

        using var query = new SqliteCommand("SELECT first_name FROM customer ORDER BY _index", connection);
        Assert.Equal(Expected, Strings(query.ExecuteReader()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("postgres")]
    public async Task PostgreSqlGetsBackEveryStringAsSent(string dialect)
    {
        var sql = await CustomersSqlAsync(dialect);
        await using var postgres = await ThrowawayPostgres.StartAsync();

        await postgres.ExecuteAsync(sql);

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT first_name FROM customer ORDER BY _index", connection);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.Equal(Expected, Strings(reader));
    }

    [Fact]
    public async Task MariaDbGetsBackEveryStringAsSentWhateverItsBackslashMode()
    {
        var sql = await CustomersSqlAsync("mysql");
        await using var maria = await ThrowawayMariaDb.StartAsync();

        await maria.ExecuteAsync(sql);
        await maria.ExecuteAsync("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');\n" + sql.Replace("INSERT INTO `customer`", "INSERT INTO `customer2`", StringComparison.Ordinal).Replace("CREATE TABLE IF NOT EXISTS `customer` (", "CREATE TABLE IF NOT EXISTS `customer2` (", StringComparison.Ordinal));

        foreach (var table in new[] { "customer", "customer2" })
        {
            var hex = await maria.QueryAsync($"SELECT HEX(first_name) FROM `{table}` ORDER BY _index");
            Assert.Equal(Expected.Select(s => Convert.ToHexString(Encoding.UTF8.GetBytes(s))), hex);
        }
    }

    [Fact]
    public async Task SqlServersTextQuotesIdentifiersInBracketsStringsAsNationalAndBooleansAsBits()
    {
        var sql = await CustomersSqlAsync("sqlserver");

        Assert.StartsWith("IF OBJECT_ID(N'[customer]', N'U') IS NULL\nCREATE TABLE [customer] (\n", sql, StringComparison.Ordinal);
        Assert.Contains("[marketing_consent] BIT NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("[customer_id] NVARCHAR(255) NOT NULL PRIMARY KEY", sql, StringComparison.Ordinal);
        Assert.Contains("[registration_date] DATETIMEOFFSET NOT NULL", sql, StringComparison.Ordinal);
        Assert.Contains("N'" + Slashed.Replace("'", "''", StringComparison.Ordinal) + "'", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("TRUE", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("FALSE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownDialectIsRefusedNamingTheFieldAndTheDialects()
    {
        using var services = TestRequests.DomainServices();

        var outcome = await services.GetRequiredService<RequestPipeline>().GenerateAsync(Request("oracle"), CancellationToken.None);

        Assert.Null(outcome.Result);
        Assert.Contains("sql_dialect 'oracle' is not one of ansi, postgres, sqlite, mysql, sqlserver", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatasetInPostgresDialectLoadsWithEveryKeyEnforced()
    {
        var run = await DatasetRun.MakeAsync(Dataset("postgres"));
        await using var postgres = await ThrowawayPostgres.StartAsync();

        await postgres.ExecuteAsync(run.Text);

        foreach (var (table, rows) in run.Summary.RowCounts)
        {
            Assert.Equal(rows, await postgres.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\""));
        }

        Assert.Equal(10, await postgres.ScalarAsync("SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY'"));
        Assert.Equal(1, await postgres.ScalarAsync("SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'created_at' AND data_type = 'timestamp with time zone'"));
    }

    [Fact]
    public async Task TheDatasetInMysqlDialectLoadsIntoMariaDbWithEveryKeyEnforced()
    {
        var run = await DatasetRun.MakeAsync(Dataset("mysql"));
        await using var maria = await ThrowawayMariaDb.StartAsync();

        await maria.ExecuteAsync(run.Text);

        foreach (var (table, rows) in run.Summary.RowCounts)
        {
            Assert.Equal([rows.ToString(System.Globalization.CultureInfo.InvariantCulture)], await maria.QueryAsync($"SELECT COUNT(*) FROM `{table}`"));
        }

        Assert.Equal(["10"], await maria.QueryAsync("SELECT COUNT(*) FROM information_schema.referential_constraints WHERE constraint_schema = 't'"));
        Assert.Equal(["0"], await maria.QueryAsync("SELECT COUNT(*) FROM payments p JOIN orders o ON o.order_id = p.order_id WHERE p.amount <> o.total"));
        await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => maria.ExecuteAsync("DELETE FROM customers;"));
    }

    private static IEnumerable<string> Expected => [Slashed, Slashed, Quoted, Quoted];

    private static async Task<string> CustomersSqlAsync(string dialect)
    {
        using var services = TestRequests.DomainServices();
        var outcome = await services.GetRequiredService<RequestPipeline>().GenerateAsync(Request(dialect), CancellationToken.None);
        Assert.True(outcome.Result is not null, outcome.Error);
        return outcome.Result.Data;
    }

    private static GenerationRequestInput Request(string dialect) => new()
    {
        Entity = "customer",
        Seed = 5,
        ReferenceTime = "2026-06-01T12:00:00Z",
        OutputFormat = (int)DataFormat.Sql,
        SqlDialect = dialect,
        Scenarios =
        [
            new ScenarioInput("slashed", 2, new Dictionary<string, string> { ["first_name"] = Slashed }, ""),
            new ScenarioInput("quoted", 2, new Dictionary<string, string> { ["first_name"] = Quoted }, ""),
        ],
    };

    private static Generators.Datasets.DatasetRequestInput Dataset(string dialect) => new()
    {
        Preset = "ecommerce_core",
        Seed = 12,
        ReferenceTime = "2026-06-01T12:00:00Z",
        OutputFormat = (int)DataFormat.Sql,
        SqlDialect = dialect,
        Tables = [new() { Name = "customers", Count = 15 }, new() { Name = "products", Count = 8 }],
    };

    private static List<string> Strings(System.Data.Common.DbDataReader reader)
    {
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
