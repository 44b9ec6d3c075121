using Incidents.Domain.Discrepancies;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence.Discrepancies;

/// <summary>The tables of data discrepancies (clauses 9.6, 9.7): the discrepancy, its UPN rows, the per-year reference
/// counter, and the link from a notice to its discrepancy.</summary>
internal static class DiscrepancyModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Discrepancy>(d =>
        {
            d.ToTable("Discrepancies");
            d.HasKey(x => x.Id);
            d.Property(x => x.Reference).HasMaxLength(20).IsRequired();
            d.HasIndex(x => x.Reference).IsUnique();
            d.Property(x => x.DataItem).HasMaxLength(Discrepancy.DataItemMaxLength).IsRequired();
            d.Property(x => x.Details).HasMaxLength(Discrepancy.DetailsMaxLength).IsRequired();
            d.Property(x => x.RaisedByUserId).HasMaxLength(450).IsRequired();
            d.Property(x => x.RaisedByName).HasMaxLength(200).IsRequired();
            d.Property(x => x.SchoolConfirmedBy).HasMaxLength(200);
            d.Property(x => x.SilConfirmedBy).HasMaxLength(200);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.Ignore(x => x.Uncorrected);
            d.HasOne<Domain.Organisations.Agreement>().WithMany().HasForeignKey(x => x.AgreementId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SchoolOrganisationId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.SilOrganisationId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.RaisedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
            d.HasMany(x => x.Rows).WithOne().HasForeignKey(r => r.DiscrepancyId).OnDelete(DeleteBehavior.Cascade);
            d.Navigation(x => x.Rows).UsePropertyAccessMode(PropertyAccessMode.Field);
            d.HasIndex(x => new { x.AgreementId, x.Status });
            d.HasIndex(x => new { x.SchoolOrganisationId, x.Status });
            d.HasIndex(x => new { x.Status, x.DueAt });
        });

        builder.Entity<DiscrepancyRow>(r =>
        {
            r.ToTable("DiscrepancyRows");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).ValueGeneratedNever();
            r.Property(x => x.Upn).HasMaxLength(Upn.Length).IsFixedLength().IsRequired();
            r.Property(x => x.RaiserHolds).HasMaxLength(DiscrepancyRow.ValueMaxLength);
            r.Property(x => x.ProviderHolds).HasMaxLength(DiscrepancyRow.ValueMaxLength);
            r.Property(x => x.Correction).HasMaxLength(DiscrepancyRow.ValueMaxLength);
            r.Property(x => x.CorrectedBy).HasMaxLength(200);
            r.HasIndex(x => new { x.DiscrepancyId, x.Upn }).IsUnique();
        });

        builder.Entity<DiscrepancyCounter>(c =>
        {
            c.ToTable("DiscrepancyCounters");
            c.HasKey(x => x.Year);
            c.Property(x => x.Year).ValueGeneratedNever();
        });

        builder.Entity<Notification>(n =>
        {
            n.HasOne<Discrepancy>().WithMany().HasForeignKey(x => x.DiscrepancyId).OnDelete(DeleteBehavior.Restrict);
            n.HasIndex(x => x.DiscrepancyId);
        });
    }
}
