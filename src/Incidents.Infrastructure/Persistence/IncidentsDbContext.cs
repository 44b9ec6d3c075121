using System.Text.Json;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Audit;
using Incidents.Domain.Evidence;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Incidents.Infrastructure.Persistence;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass of its own so that it has its own
/// migration set (<see cref="SqliteIncidentsDbContext"/>, <see cref="SqlServerIncidentsDbContext"/>).
/// </summary>
public abstract class IncidentsDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IIncidentsDb, IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring, shared by every app node so a cookie or token from one works on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<ReferenceCounter> ReferenceCounters => Set<ReferenceCounter>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<EmailFault> EmailFaults => Set<EmailFault>();
    public DbSet<IcoFiling> IcoFilings => Set<IcoFiling>();
    public DbSet<DataSubjectNotice> DataSubjectNotices => Set<DataSubjectNotice>();
    public DbSet<IncidentAction> IncidentActions => Set<IncidentAction>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Suspension> Suspensions => Set<Suspension>();
    public DbSet<DurableTimer> Timers => Set<DurableTimer>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<NoticeTemplate> NoticeTemplates => Set<NoticeTemplate>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        Webhooks.WebhookConfiguration.Configure(builder);
        Retention.RetentionConfiguration.Configure(builder);
        Access.AccessRequestConfiguration.Configure(builder);

        builder.Entity<ApplicationUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<UsedRefreshToken>(t =>
        {
            t.ToTable("UsedRefreshTokens");
            t.HasKey(x => x.Hash);
            t.Property(x => x.Hash).HasMaxLength(UsedRefreshToken.HashLength).IsFixedLength();
            t.Property(x => x.UserId).HasMaxLength(450).IsRequired();
            t.HasIndex(x => x.ExpiresAt);
        });

        builder.Entity<Organisation>(o =>
        {
            o.ToTable("Organisations");
            o.HasKey(x => x.Id);
            o.Property(x => x.Name).HasMaxLength(200).IsRequired();
            o.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            o.Property(x => x.Urn).HasMaxLength(20);
            o.HasIndex(x => x.Urn).IsUnique();
            o.HasMany(x => x.Contacts).WithOne().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            o.Navigation(x => x.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
        });

        builder.Entity<Contact>(c =>
        {
            c.ToTable("Contacts");
            c.HasKey(x => x.Id);
            c.Property(x => x.Name).HasMaxLength(200).IsRequired();
            c.Property(x => x.Email).HasMaxLength(256).IsRequired();
            c.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
            // Existing contacts are active; the sentinel makes EF send false (and only false) on insert.
            c.Property(x => x.Active).HasDefaultValue(true).HasSentinel(true);
        });

        builder.Entity<NoticeTemplate>(t =>
        {
            t.ToTable("NoticeTemplates");
            t.HasKey(x => x.Id);
            t.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
            t.Property(x => x.Subject).HasMaxLength(NoticeTemplate.SubjectMaxLength);
            t.Property(x => x.Body).HasMaxLength(NoticeTemplate.BodyMaxLength);
            t.Property(x => x.EditedBy).HasMaxLength(NoticeTemplate.EditedByMaxLength).IsRequired();
            t.Ignore(x => x.IsDefault);
            // Two edits of one type racing for the same version: one wins, the other is told to try again.
            t.HasIndex(x => new { x.Type, x.Version }).IsUnique();
        });

        builder.Entity<Agreement>(a =>
        {
            a.ToTable("Agreements");
            a.HasKey(x => x.Id);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SilOrganisationId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SchoolOrganisationId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => new { x.SchoolOrganisationId, x.Version }).IsUnique();
            a.Property(x => x.ConcurrencyVersion).IsConcurrencyToken();
        });

        builder.Entity<Suspension>(s =>
        {
            s.ToTable("Suspensions");
            s.HasKey(x => x.Id);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.Reason).HasMaxLength(4000).IsRequired();
            s.Property(x => x.Evidence).HasMaxLength(10_000).IsRequired();
            s.Property(x => x.SuspendedByUserId).HasMaxLength(450).IsRequired();
            s.Property(x => x.SuspendedByName).HasMaxLength(200).IsRequired();
            s.Property(x => x.RenewedByUserId).HasMaxLength(450);
            s.Property(x => x.RenewedByName).HasMaxLength(200);
            s.Property(x => x.EndedBy).HasMaxLength(200);
            s.Property(x => x.EndReason).HasMaxLength(4000);
            s.Property(x => x.IncidentIds)
                .HasConversion(
                    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                    v => JsonSerializer.Deserialize<List<Guid>>(v, (JsonSerializerOptions?)null) ?? new List<Guid>(),
                    new ValueComparer<List<Guid>>(
                        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                        v => v.Aggregate(0, (h, g) => HashCode.Combine(h, g.GetHashCode())),
                        v => v.ToList()))
                .HasMaxLength(4000)
                .IsRequired();
            s.Ignore(x => x.IsActive);
            s.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            s.HasIndex(x => x.AgreementId);
        });

        builder.Entity<DurableTimer>(t =>
        {
            t.ToTable("Timers");
            t.HasKey(x => x.Id);
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.Kind).HasMaxLength(DurableTimer.KindMaxLength).IsRequired();
            t.Property(x => x.Argument).HasMaxLength(DurableTimer.ArgumentMaxLength);
            t.Property(x => x.DedupKey).HasMaxLength(DurableTimer.DedupKeyMaxLength);
            t.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.LastError).HasMaxLength(DurableTimer.LastErrorMaxLength);
            // The reconciler's question: what is pending and due (or due soon)?
            t.HasIndex(x => new { x.Status, x.DueAt });
            // A handler's question: the other timers of this subject.
            t.HasIndex(x => new { x.SubjectId, x.Kind });
            // A timer that must exist once (the review reminder of one agreement and review date).
            t.HasIndex(x => x.DedupKey).IsUnique();
        });

        builder.Entity<ApiKey>(k =>
        {
            k.ToTable("ApiKeys");
            k.HasKey(x => x.Id);
            k.Property(x => x.Name).HasMaxLength(100).IsRequired();
            k.Property(x => x.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
            k.Property(x => x.Hint).HasMaxLength(20).IsRequired();
            k.Property(x => x.CreatedBy).HasMaxLength(200).IsRequired();
            k.HasIndex(x => x.Hash).IsUnique();
        });

        builder.Entity<ReportingLink>(l =>
        {
            l.ToTable("ReportingLinks");
            l.HasKey(x => x.Id);
            l.Property(x => x.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
            l.Property(x => x.ProtectedToken).HasMaxLength(1000).IsRequired();
            l.Property(x => x.UpdatedBy).HasMaxLength(200).IsRequired();
            l.HasIndex(x => x.Hash).IsUnique();
            l.HasIndex(x => x.OrganisationId).IsUnique();
            l.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            l.Ignore(x => x.ReporterUserId);
        });

        builder.Entity<ReferenceCounter>(r =>
        {
            r.ToTable("ReferenceCounters");
            r.HasKey(x => x.Year);
            r.Property(x => x.Year).ValueGeneratedNever();
        });

        builder.Entity<Incident>(i =>
        {
            i.ToTable("Incidents");
            i.HasKey(x => x.Id);
            i.Property(x => x.Reference).HasMaxLength(20).IsRequired();
            i.HasIndex(x => x.Reference).IsUnique();
            i.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
            i.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Summary).HasMaxLength(Incident.SummaryMaxLength).IsRequired();
            i.Property(x => x.Description).HasMaxLength(Incident.DescriptionMaxLength).IsRequired();
            i.Property(x => x.ContainmentActions).HasMaxLength(10_000).IsRequired();
            i.Property(x => x.ReporterUserId).HasMaxLength(450).IsRequired();
            i.Property(x => x.ReporterName).HasMaxLength(200).IsRequired();
            i.Property(x => x.ReporterRole).HasMaxLength(Incident.ReporterRoleMaxLength);
            i.Property(x => x.ReporterEmail).HasMaxLength(Incident.ReporterEmailMaxLength);
            i.Ignore(x => x.ReportedViaLink);
            i.Property(x => x.DataCategories)
                .HasConversion(
                    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                    v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>(),
                    new ValueComparer<List<string>>(
                        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                        v => v.ToList()))
                .HasMaxLength(2000)
                .IsRequired();
            i.Ignore(x => x.IcoDeadline);
            i.Ignore(x => x.IcoClockApplies);
            i.Ignore(x => x.SeverityAssessment);
            i.Property(x => x.Version).IsConcurrencyToken();
            i.Property(x => x.Classification).HasConversion<string>().HasMaxLength(30);
            i.Property(x => x.Severity).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.Decision).HasConversion<string>().HasMaxLength(40);
            i.Property(x => x.AssigneeUserId).HasMaxLength(450);
            i.Property(x => x.AssigneeName).HasMaxLength(200);
            i.Property(x => x.AssigneeEmail).HasMaxLength(256);
            i.Property(x => x.DecisionRationale).HasMaxLength(10_000);
            i.Property(x => x.DecidedBy).HasMaxLength(200);
            i.Property(x => x.LessonsLearned).HasMaxLength(10_000);
            i.Property(x => x.ClosureNote).HasMaxLength(2000);
            i.Property(x => x.AwareAtReason).HasMaxLength(2000);
            i.HasIndex(x => x.Status);
            // The triage queue: open incidents (by Status) in the order of their next deadline, then the columns its
            // order reads, so the queue is ordered and paged from this index alone.
            i.HasIndex(x => new { x.Status, x.NextDeadline, x.Classification, x.Kind, x.AwareAt, x.Severity, x.ReportedAt, x.Id })
                .HasDatabaseName("IX_Incidents_TriageQueue");
            i.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            i.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ReportingOrganisationId).OnDelete(DeleteBehavior.Restrict);
            i.HasOne<Organisation>().WithMany().HasForeignKey(x => x.CounterpartyOrganisationId).OnDelete(DeleteBehavior.Restrict);
            i.HasIndex(x => new { x.ReportingOrganisationId, x.ReportedAt });
            i.HasIndex(x => new { x.CounterpartyOrganisationId, x.ReportedAt });
            i.HasIndex(x => x.ReportedAt);

            // The facts the ICO's breach report form asks for (IcoFacts).
            i.Ignore(x => x.Facts);
            i.Property(x => x.Happened).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.HowDiscovered).HasMaxLength(IcoFacts.TextMaxLength);
            i.Property(x => x.StaffRole).HasMaxLength(IcoFacts.ShortTextMaxLength);
            i.Property(x => x.StaffTraining).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.PeopleCategories)
                .HasConversion(
                    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                    v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>(),
                    new ValueComparer<List<string>>(
                        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))),
                        v => v.ToList()))
                .HasMaxLength(500)
                .IsRequired();
            i.Property(x => x.PeopleCategoriesOther).HasMaxLength(IcoFacts.ShortTextMaxLength);
            i.Property(x => x.LikelyConsequences).HasMaxLength(IcoFacts.TextMaxLength);
            i.Property(x => x.MeasuresBefore).HasMaxLength(IcoFacts.TextMaxLength);
            i.Property(x => x.OrganisationsTold)
                .HasConversion(
                    v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                    v => JsonSerializer.Deserialize<List<OrganisationTold>>(v, (JsonSerializerOptions?)null) ?? new List<OrganisationTold>(),
                    new ValueComparer<List<OrganisationTold>>(
                        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
                        v => v.Aggregate(0, (h, o) => HashCode.Combine(h, o.GetHashCode())),
                        v => v.ToList()))
                .HasMaxLength(4000)
                .IsRequired();
            i.Property(x => x.PeopleTold).HasConversion<string>().HasMaxLength(20);
            i.Property(x => x.PeopleNotToldException).HasConversion<string>().HasMaxLength(40);
            i.Property(x => x.PeopleNotToldReason).HasMaxLength(IcoFacts.TextMaxLength);
            i.Property(x => x.IcoAdvice).HasMaxLength(IcoFacts.TextMaxLength);
            i.Property(x => x.IcoOutcome).HasMaxLength(IcoFacts.TextMaxLength);
        });

        builder.Entity<IncidentUpdate>(u =>
        {
            u.ToTable("IncidentUpdates");
            u.HasKey(x => x.Id);
            u.Property(x => x.About).HasMaxLength(IncidentUpdate.AboutMaxLength);
            u.Property(x => x.Note).HasMaxLength(IncidentUpdate.NoteMaxLength).IsRequired();
            u.Property(x => x.WrittenBy).HasMaxLength(200).IsRequired();
            u.Property(x => x.WrittenByUserId).HasMaxLength(450).IsRequired();
            u.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            u.HasIndex(x => new { x.IncidentId, x.WrittenAt });
        });

        builder.Entity<Notification>(n =>
        {
            n.ToTable("Notifications");
            n.HasKey(x => x.Id);
            n.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
            n.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.RecipientName).HasMaxLength(200).IsRequired();
            n.Property(x => x.RecipientEmail).HasMaxLength(256).IsRequired();
            n.Property(x => x.LastError).HasMaxLength(Notification.LastErrorMaxLength);
            n.Property(x => x.ReminderStage).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.Reason).HasConversion<string>().HasMaxLength(30);
            n.Property(x => x.RecipientOrganisation).HasMaxLength(200);
            n.HasOne<Notification>().WithMany().HasForeignKey(x => x.ResendOfNotificationId).OnDelete(DeleteBehavior.Restrict);
            // A failed notice is resent at most once (two clicks, or two admins at once, send one email).
            n.HasIndex(x => x.ResendOfNotificationId).IsUnique();
            n.HasOne<Suspension>().WithMany().HasForeignKey(x => x.SuspensionId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne<Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            n.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => x.IncidentId);
            // The reconciler's question: what is owed and due?
            n.HasIndex(x => new { x.Status, x.NextAttemptAt });
        });

        builder.Entity<IcoFiling>(f =>
        {
            f.ToTable("IcoFilings");
            f.HasKey(x => x.Id);
            f.Property(x => x.Phase).HasConversion<string>().HasMaxLength(20);
            f.Property(x => x.CaseReference).HasMaxLength(50).IsRequired();
            f.Property(x => x.Nature).HasMaxLength(10_000).IsRequired();
            f.Property(x => x.DataSubjectCategories).HasMaxLength(2000).IsRequired();
            f.Property(x => x.DpoContact).HasMaxLength(1000).IsRequired();
            f.Property(x => x.LikelyConsequences).HasMaxLength(10_000).IsRequired();
            f.Property(x => x.Measures).HasMaxLength(10_000).IsRequired();
            f.Property(x => x.LateReason).HasMaxLength(10_000);
            f.Property(x => x.RecordedBy).HasMaxLength(200).IsRequired();
            f.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            f.HasIndex(x => x.IncidentId);
        });

        builder.Entity<DataSubjectNotice>(n =>
        {
            n.ToTable("DataSubjectNotices");
            n.HasKey(x => x.Id);
            n.Property(x => x.Method).HasConversion<string>().HasMaxLength(20);
            n.Property(x => x.Exception).HasConversion<string>().HasMaxLength(40);
            n.Property(x => x.Notes).HasMaxLength(10_000);
            n.Property(x => x.RecordedBy).HasMaxLength(200).IsRequired();
            n.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => x.IncidentId);
        });

        builder.Entity<IncidentAction>(a =>
        {
            a.ToTable("IncidentActions");
            a.HasKey(x => x.Id);
            a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Description).HasMaxLength(2000).IsRequired();
            a.Property(x => x.AssignedTo).HasMaxLength(200).IsRequired();
            a.Property(x => x.CreatedBy).HasMaxLength(200).IsRequired();
            a.Property(x => x.CompletedBy).HasMaxLength(200);
            a.Property(x => x.CompletionNote).HasMaxLength(2000);
            a.Ignore(x => x.IsOpen);
            a.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.IncidentId);
        });

        builder.Entity<Attachment>(a =>
        {
            // Evidence on exactly one thing: an incident or a suspension.
            a.ToTable("Attachments", t => t.HasCheckConstraint("CK_Attachments_OneOwner",
                "(IncidentId IS NOT NULL AND SuspensionId IS NULL) OR (IncidentId IS NULL AND SuspensionId IS NOT NULL)"));
            a.HasKey(x => x.Id);
            a.Property(x => x.FileName).HasMaxLength(Attachment.FileNameMaxLength).IsRequired();
            a.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.ContentType).HasMaxLength(Attachment.ContentTypeMaxLength).IsRequired();
            a.Property(x => x.Sha256).HasMaxLength(64).IsFixedLength().IsRequired();
            a.Property(x => x.Content).IsRequired();
            a.Property(x => x.UploadedByUserId).HasMaxLength(450).IsRequired();
            a.Property(x => x.UploadedByName).HasMaxLength(200).IsRequired();
            a.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.IncidentId);
            a.HasOne<Suspension>().WithMany().HasForeignKey(x => x.SuspensionId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.SuspensionId);
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.ActorId).HasMaxLength(450).IsRequired();
            e.Property(x => x.ActorName).HasMaxLength(200).IsRequired();
            e.Property(x => x.Action).HasMaxLength(100).IsRequired();
            e.Property(x => x.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
            e.Property(x => x.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
            e.Property(x => x.HashVersion).HasDefaultValue(1);
            e.Property(x => x.ActorNameDigest).HasMaxLength(64).IsFixedLength();
            e.Property(x => x.BeforeDigest).HasMaxLength(64).IsFixedLength();
            e.Property(x => x.AfterDigest).HasMaxLength(64).IsFixedLength();
            e.Ignore(x => x.CanBeRedacted);
            e.HasIndex(x => x.IncidentId);
            e.HasIndex(x => x.AgreementId);
        });

        builder.Entity<AuditHead>(h =>
        {
            h.ToTable("AuditHead");
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).ValueGeneratedNever();
            h.Property(x => x.LastHash).HasMaxLength(64).IsFixedLength().IsRequired();
            h.HasData(new AuditHead(0, AuditEntry.GenesisHash));
        });

        builder.Entity<Alert>(a =>
        {
            a.ToTable("Alerts");
            a.HasKey(x => x.Id);
            a.Property(x => x.Message).HasMaxLength(Alert.MessageMaxLength).IsRequired();
            a.Property(x => x.ResolvedBy).HasMaxLength(Alert.ResolvedByMaxLength);
            a.HasOne<Incident>().WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.IncidentId);
        });

        builder.Entity<EmailFault>(f =>
        {
            f.ToTable("EmailFaults");
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedNever();
            f.Property(x => x.Reason).HasMaxLength(EmailFault.ReasonMaxLength).IsRequired();
            f.HasIndex(x => x.ClearedAt);
        });

        Complaints.ComplaintModel.Configure(builder);
        Discrepancies.DiscrepancyModel.Configure(builder);
    }
}
