using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Incidents.UnitTests.Support;

/// <summary>
/// A real SQLite database in memory, seeded with SIL, two schools and one agreement (SIL with School A).
/// The connection stays open for the life of the test; disposing closes it and the database goes away.
/// </summary>
internal sealed class TestDatabase : IDisposable
{
    public const string SilDpoEmail = "dpo@sil.example.org";
    public const string SilOfficerEmail = "officer@sil.example.org";
    public const string SchoolAOfficerEmail = "head@school-a.example.org";
    public const string SchoolBOfficerEmail = "head@school-b.example.org";

    private readonly SqliteConnection _connection;

    public TestDatabase(bool silDpoIsAlsoADesignatedOfficer = false)
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        Db = NewContext();
        Db.Database.EnsureCreated();

        Sil = new Organisation(Guid.NewGuid(), "Schools IT Ltd", OrganisationKind.Sil);
        Sil.AddContact("Dana Protection", SilDpoEmail, ContactRole.Dpo);
        Sil.AddContact("Sam Officer", SilOfficerEmail, ContactRole.DesignatedOfficer);
        if (silDpoIsAlsoADesignatedOfficer)
        {
            Sil.AddContact("Dana Protection", SilDpoEmail.ToUpperInvariant(), ContactRole.DesignatedOfficer);
        }

        SchoolA = new Organisation(Guid.NewGuid(), "Alpha Primary School", OrganisationKind.School, "100001");
        SchoolA.AddContact("Alex Head", SchoolAOfficerEmail, ContactRole.DesignatedOfficer);
        SchoolB = new Organisation(Guid.NewGuid(), "Beta Academy", OrganisationKind.School, "100002");
        SchoolB.AddContact("Bea Head", SchoolBOfficerEmail, ContactRole.DesignatedOfficer);
        AgreementWithSchoolA = new Agreement(Guid.NewGuid(), Sil.Id, SchoolA.Id, 1, new DateOnly(2025, 9, 1));

        Db.Organisations.AddRange(Sil, SchoolA, SchoolB);
        Db.Agreements.Add(AgreementWithSchoolA);
        Db.SaveChanges();
        Db.ChangeTracker.Clear();
    }

    public SqliteIncidentsDbContext Db { get; }

    public Organisation Sil { get; }

    public Organisation SchoolA { get; }

    public Organisation SchoolB { get; }

    public Agreement AgreementWithSchoolA { get; }

    /// <summary>A second context on the same connection, to read what the code under test committed.</summary>
    public SqliteIncidentsDbContext NewContext() =>
        new(new DbContextOptionsBuilder<SqliteIncidentsDbContext>().UseSqlite(_connection).Options);

    /// <summary>Stores an incident School A reported against SIL, as if reported at <paramref name="reportedAt"/>.</summary>
    public Incident AddIncident(DateTimeOffset reportedAt, IncidentKind kind = IncidentKind.ConfidentialityBreach)
    {
        var incident = new Incident(
            Guid.NewGuid(), Reference.Format(reportedAt.Year, Db.Incidents.Count() + 1), kind, AgreementWithSchoolA.Id,
            SchoolA.Id, Sil.Id, "user-1", "Rita Reporter", reportedAt.AddHours(-1), reportedAt,
            "Email sent to the wrong parent", "A report was sent to the wrong address.", ["Names"], 1, null);
        Db.Incidents.Add(incident);
        Db.SaveChanges();
        Db.ChangeTracker.Clear();
        return incident;
    }

    public Notification AddNotification(Guid? incidentId, string name, string email, DateTimeOffset createdAt, NotificationType type = NotificationType.IncidentReported, Guid? about = null)
    {
        var notification = new Notification(Guid.NewGuid(), type, incidentId, name, email, createdAt, about);
        Db.Notifications.Add(notification);
        Db.SaveChanges();
        Db.ChangeTracker.Clear();
        return notification;
    }

    /// <summary>Reads a notification as it is in the database now (not from any change tracker).</summary>
    public Notification Reload(Guid notificationId)
    {
        using var context = NewContext();
        return context.Notifications.AsNoTracking().Single(n => n.Id == notificationId);
    }

    public void Dispose()
    {
        Db.Dispose();
        _connection.Dispose();
    }
}
