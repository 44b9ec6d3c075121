using Incidents.Domain.Incidents;
using Incidents.Domain.Retention;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence.Retention;

internal static class RetentionConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<IncidentRetention>(r =>
        {
            r.ToTable("IncidentRetention");
            r.HasKey(x => x.IncidentId);
            r.Property(x => x.ExtensionReason).HasMaxLength(IncidentRetention.ReasonMaxLength);
            r.Property(x => x.ExtendedBy).HasMaxLength(200);
            r.Property(x => x.DeletedBy).HasMaxLength(200);
            r.Property(x => x.DeletionReason).HasMaxLength(IncidentRetention.ReasonMaxLength);
            r.Ignore(x => x.Deleted);
            r.HasOne<Incident>().WithOne().HasForeignKey<IncidentRetention>(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
