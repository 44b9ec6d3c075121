using Incidents.Domain.Access;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence.Access;

internal static class AccessRequestConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AccessRequest>(r =>
        {
            r.ToTable("AccessRequests");
            r.HasKey(x => x.Id);
            r.Property(x => x.Name).HasMaxLength(AccessRequest.NameMaxLength);
            r.Property(x => x.Email).HasMaxLength(AccessRequest.EmailMaxLength);
            r.Property(x => x.Reason).HasMaxLength(AccessRequest.ReasonMaxLength);
            r.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            r.Property(x => x.DecidedBy).HasMaxLength(200);
            r.Property(x => x.GrantedRole).HasMaxLength(50);
            r.Property(x => x.UserId).HasMaxLength(450);
            r.HasIndex(x => new { x.Status, x.Email });
            r.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
