using System.Data.Common;
using System.Globalization;
using System.Text;

namespace TestDataAgent.Tests.Seeding;

/// <summary>Plain SQL against a seeded connection, for assertions (PostgreSQL and SQLite alike).</summary>
internal static class DbQueries
{
    public static async Task ExecuteAsync(this DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(this DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static Task<long> CountAsync(this DbConnection connection, string table) => connection.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\"");

    /// <summary>Every row of <paramref name="table"/> in key order, each cell as invariant text: equal dumps are equal rows.</summary>
    public static async Task<string> DumpAsync(this DbConnection connection, string table, string orderBy)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY \"{orderBy}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
