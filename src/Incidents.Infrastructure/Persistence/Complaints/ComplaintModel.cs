using Incidents.Domain.Audit;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence.Complaints;

/// <summary>The complaints' tables (Complaints, ComplaintNotes, ComplaintActions, ComplaintReferenceCounters) and the complaint links of
/// notices and audit entries.</summary>
internal static class ComplaintModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Complaint>(c =>
        {
            c.ToTable("Complaints");
            c.HasKey(x => x.Id);
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.Reference).HasMaxLength(20).IsRequired();
            c.HasIndex(x => x.Reference).IsUnique();
            c.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.AcknowledgementMethod).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            c.Property(x => x.ComplainantName).HasMaxLength(Complaint.NameMaxLength).IsRequired();
            c.Property(x => x.ComplainantEmail).HasMaxLength(Complaint.EmailMaxLength);
            c.Property(x => x.Relationship).HasMaxLength(Complaint.RelationshipMaxLength).IsRequired();
            c.Property(x => x.About).HasMaxLength(Complaint.AboutMaxLength).IsRequired();
            c.Property(x => x.Details).HasMaxLength(Complaint.TextMaxLength).IsRequired();
            c.Property(x => x.DesiredOutcome).HasMaxLength(Complaint.TextMaxLength).IsRequired();
            c.Property(x => x.LoggedByUserId).HasMaxLength(450);
            c.Property(x => x.LoggedByName).HasMaxLength(200).IsRequired();
            c.Property(x => x.AcknowledgedBy).HasMaxLength(200);
            c.Property(x => x.AssigneeUserId).HasMaxLength(450);
            c.Property(x => x.AssigneeName).HasMaxLength(200);
            c.Property(x => x.AssigneeEmail).HasMaxLength(256);
            c.Property(x => x.OutcomeSummary).HasMaxLength(Complaint.TextMaxLength);
            c.Property(x => x.OutcomeBy).HasMaxLength(200);
            c.Property(x => x.Version).IsConcurrencyToken();
            c.Ignore(x => x.IsOpen);
            c.HasOne<Domain.Organisations.Organisation>().WithMany().HasForeignKey(x => x.HandlingOrganisationId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Domain.Organisations.Organisation>().WithMany().HasForeignKey(x => x.AboutOrganisationId).OnDelete(DeleteBehavior.Restrict);
            c.HasOne<Domain.Incidents.Incident>().WithMany().HasForeignKey(x => x.LinkedIncidentId).OnDelete(DeleteBehavior.Restrict);
            c.HasIndex(x => new { x.HandlingOrganisationId, x.ReceivedAt });
            c.HasIndex(x => new { x.Status, x.AcknowledgeBy });
        });

        builder.Entity<ComplaintNote>(n =>
        {
            n.ToTable("ComplaintNotes");
            n.HasKey(x => x.Id);
            n.Property(x => x.Text).HasMaxLength(ComplaintNote.TextMaxLength).IsRequired();
            n.Property(x => x.ByUserId).HasMaxLength(450).IsRequired();
            n.Property(x => x.ByName).HasMaxLength(200).IsRequired();
            n.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => x.ComplaintId);
        });

        // The same columns as IncidentActions (both are an OwnedAction), keyed to the complaint.
        builder.Entity<ComplaintAction>(a =>
        {
            a.ToTable("ComplaintActions");
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Description).HasMaxLength(OwnedAction.DescriptionMaxLength).IsRequired();
            a.Property(x => x.AssignedTo).HasMaxLength(OwnedAction.AssignedToMaxLength).IsRequired();
            a.Property(x => x.CreatedBy).HasMaxLength(200).IsRequired();
            a.Property(x => x.CompletedBy).HasMaxLength(200);
            a.Property(x => x.CompletionNote).HasMaxLength(OwnedAction.NoteMaxLength);
            a.Ignore(x => x.IsOpen);
            a.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            a.HasIndex(x => x.ComplaintId);
            a.HasIndex(x => new { x.CompletedAt, x.DueDate });
        });

        builder.Entity<ComplaintReferenceCounter>(r =>
        {
            r.ToTable("ComplaintReferenceCounters");
            r.HasKey(x => x.Year);
            r.Property(x => x.Year).ValueGeneratedNever();
        });

        builder.Entity<Notification>(n =>
        {
            n.HasOne<Complaint>().WithMany().HasForeignKey(x => x.ComplaintId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => x.ComplaintId);
        });

        builder.Entity<AuditEntry>(e => e.HasIndex(x => x.ComplaintId));
    }
}
