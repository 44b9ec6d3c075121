using System.Diagnostics;
using System.Globalization;
using Incidents.Infrastructure.Startup;
using Microsoft.Data.Sqlite;

namespace Incidents.Bench;

/// <summary>
/// Direct access to the app's SQLite file (the schema its migrations made; instants are INTEGER UTC ticks, enums
/// TEXT names, ids upper-case TEXT). Rows are inserted by copying every column of a row the app itself wrote and
/// overriding what differs, so a column added by a later migration is still filled as the app fills it.
/// </summary>
internal static class Database
{
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 10000;";
        busy.ExecuteNonQuery();
        return connection;
    }

    public static string Id(Guid id) => id.ToString().ToUpperInvariant();

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static string Pragma(string path, string name)
    {
        using var connection = Open(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
    }

    public static List<Dictionary<string, object?>> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// Fills the database with <paramref name="count"/> incidents over ten years (INC-2016-00001 …), all closed but
    /// <paramref name="open"/> recent ones, each with its two sent notices, in one transaction with prepared
    /// statements. Returns the ids of the open and of a sample of the closed incidents.
    /// </summary>
    public static (List<Guid> Open, List<Guid> Closed, TimeSpan Took) SeedIncidents(string path, Guid templateIncidentId, int count, int open)
    {
        var watch = Stopwatch.StartNew();
        using var connection = Open(path);
        var template = Rows(connection, $"SELECT * FROM Incidents WHERE Id = '{Id(templateIncidentId)}'").Single();
        var noticeTemplate = Rows(connection, $"SELECT * FROM Notifications WHERE IncidentId = '{Id(templateIncidentId)}'").First();

        var parties = new List<(Guid Reporting, Guid Counterparty, Guid Agreement, string Officer)>();
        foreach (var (schoolId, _, _, domain, _, _) in DemoData.Schools)
        {
            parties.Add((schoolId, DemoData.SilId, DemoData.AgreementIdFor(schoolId), "officer@sil.test"));
            parties.Add((DemoData.SilId, schoolId, DemoData.AgreementIdFor(schoolId), $"officer@{domain}"));
        }

        string[] kinds = ["ConfidentialityBreach", "ConfidentialityBreach", "SecurityBreach", "Complaint", "DataDiscrepancy", "NearMiss"];
        string[] classifications = ["NearMiss", "PersonalDataBreach", "NotABreach", "Complaint", "DataDiscrepancy"];
        string[] severities = ["Low", "Medium", "High", "VeryHigh"];
        var random = new Random(1129);
        var now = DateTimeOffset.UtcNow;
        var openIds = new List<Guid>(open);
        var closedIds = new List<Guid>();

        using var transaction = connection.BeginTransaction();
        using var insertIncident = Prepare(connection, transaction, "Incidents", template.Keys);
        using var insertNotice = Prepare(connection, transaction, "Notifications", noticeTemplate.Keys);
        var perYear = (int)Math.Ceiling((count - open) / 10.0);
        for (var i = 0; i < count; i++)
        {
            var isOpen = i >= count - open;
            DateTimeOffset reportedAt;
            string reference;
            if (isOpen)
            {
                var n = i - (count - open);
                // The last few weeks; references above anything the year's counter will reach in a run.
                reportedAt = now.AddMinutes(-random.Next(10, 60 * 24 * 21));
                reference = string.Create(CultureInfo.InvariantCulture, $"INC-{now.Year}-{50_001 + n}");
            }
            else
            {
                var year = now.Year - 10 + (i / perYear);
                var n = (i % perYear) + 1;
                reportedAt = new DateTimeOffset(year, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(n * (365.0 * 24 * 60 / perYear));
                reference = string.Create(CultureInfo.InvariantCulture, $"INC-{year}-{n:00000}");
            }

            var party = parties[random.Next(parties.Count)];
            var id = Guid.CreateVersion7(reportedAt);
            var row = new Dictionary<string, object?>(template, StringComparer.Ordinal);
            var kind = kinds[random.Next(kinds.Length)];
            Set(row, "Id", Id(id));
            Set(row, "Reference", reference);
            Set(row, "Kind", kind);
            Set(row, "AgreementId", Id(party.Agreement));
            Set(row, "ReportingOrganisationId", Id(party.Reporting));
            Set(row, "CounterpartyOrganisationId", Id(party.Counterparty));
            Set(row, "DiscoveredAt", reportedAt.AddHours(-random.Next(1, 48)).UtcTicks);
            Set(row, "ReportedAt", reportedAt.UtcTicks);
            Set(row, "AwareAt", reportedAt.UtcTicks);
            Set(row, "Summary", $"Incident {reference}: {kind} at a school");
            Set(row, "ApproximateDataSubjects", random.Next(1, 400));
            var triaged = !isOpen || random.Next(3) > 0;
            if (triaged)
            {
                Set(row, "Status", isOpen ? "Triaged" : "Closed");
                Set(row, "Classification", classifications[random.Next(classifications.Length)]);
                Set(row, "TriagedAt", reportedAt.AddHours(random.Next(1, 24)).UtcTicks);
                Set(row, "Severity", severities[random.Next(severities.Length)]);
                Set(row, "Version", isOpen ? 1 : 3);
            }

            if (!isOpen)
            {
                Set(row, "Status", "Closed");
                Set(row, "ClosedAt", reportedAt.AddDays(random.Next(2, 60)).UtcTicks);
                Set(row, "LessonsLearned", "Staff reminded to check recipients before sending; the class list template now hides UPNs.");
                closedIds.Add(id);
            }
            else
            {
                openIds.Add(id);
            }

            // The stored next deadline (the triage queue's order), as the app's duty rule sets it: the ICO deadline
            // while a decision is owed on an open incident with an ICO clock (no row here has a decision).
            var classification = row.TryGetValue("Classification", out var c) ? c as string : null;
            var clock = classification == "PersonalDataBreach" || (classification is null && kind.EndsWith("Breach", StringComparison.Ordinal));
            Set(row, "NextDeadline", isOpen && clock ? reportedAt.AddHours(72).UtcTicks : null);
            Execute(insertIncident, row);

            foreach (var to in new[] { party.Officer, "dpo@sil.test" })
            {
                var notice = new Dictionary<string, object?>(noticeTemplate, StringComparer.Ordinal);
                Set(notice, "Id", Id(Guid.CreateVersion7(reportedAt)));
                Set(notice, "IncidentId", Id(id));
                Set(notice, "RecipientEmail", to);
                Set(notice, "CreatedAt", reportedAt.UtcTicks);
                Set(notice, "NextAttemptAt", reportedAt.UtcTicks);
                Set(notice, "SentAt", reportedAt.AddSeconds(1).UtcTicks);
                Set(notice, "Status", "Sent");
                Set(notice, "Attempts", 1);
                Set(notice, "ClaimedUntil", null);
                Execute(insertNotice, notice);
            }
        }

        transaction.Commit();
        using (var checkpoint = connection.CreateCommand())
        {
            // Folds the bulk insert into the main file, so the app starts on a database as it would find it
            // (no ANALYZE: the app never runs one, so its query plans are the ones it really gets).
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }

        return (openIds, closedIds.Where((_, i) => i % 97 == 0).ToList(), watch.Elapsed);
    }

    /// <summary>Reopens closed incidents until <paramref name="open"/> are open (the triage queue's size).</summary>
    public static void OpenUpTo(string path, int open)
    {
        using var connection = Open(path);
        var now = Scalar(connection, "SELECT COUNT(*) FROM Incidents WHERE Status <> 'Closed'");
        if (now >= open)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE Incidents SET Status = 'Triaged', ClosedAt = NULL, LessonsLearned = NULL
            WHERE rowid IN (SELECT rowid FROM Incidents WHERE Status = 'Closed' ORDER BY ReportedAt DESC LIMIT {open - now})
            """;
        command.ExecuteNonQuery();

        // Reopened rows wait on their ICO deadline again where the duty rule says so (the app's column, if it has it).
        if (Scalar(connection, "SELECT COUNT(*) FROM pragma_table_info('Incidents') WHERE name = 'NextDeadline'") > 0)
        {
            using var deadlines = connection.CreateCommand();
            deadlines.CommandText = """
                UPDATE Incidents SET NextDeadline = AwareAt + 2592000000000
                WHERE Status <> 'Closed' AND NextDeadline IS NULL AND Decision IS NULL
                  AND (Classification = 'PersonalDataBreach' OR (Classification IS NULL AND Kind IN ('ConfidentialityBreach', 'SecurityBreach')))
                """;
            deadlines.ExecuteNonQuery();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, IEnumerable<string> columns)
    {
        var names = columns.ToList();
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", names.Select(n => $"\"{n}\""))}) VALUES ({string.Join(", ", names.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < names.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null) { SourceColumn = names[i] });
        }

        command.Prepare();
        return command;
    }

    private static void Execute(SqliteCommand command, Dictionary<string, object?> row)
    {
        foreach (SqliteParameter parameter in command.Parameters)
        {
            parameter.Value = row[parameter.SourceColumn] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Set(Dictionary<string, object?> row, string column, object? value)
    {
        if (row.ContainsKey(column))
        {
            row[column] = value;
        }
    }
}
