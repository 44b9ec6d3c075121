using Incidents.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence.Webhooks;

internal static class WebhookConfiguration
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<WebhookEndpoint>(e =>
        {
            e.ToTable("WebhookEndpoints");
            e.HasKey(x => x.Id);
            e.Property(x => x.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength).IsRequired();
            e.Property(x => x.Events).HasMaxLength(1000).IsRequired();
            e.Property(x => x.ProtectedSecret).HasMaxLength(2000).IsRequired();
            e.Property(x => x.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength).IsRequired();
            e.Property(x => x.CreatedBy).HasMaxLength(200).IsRequired();
            e.Ignore(x => x.Active);
            e.Ignore(x => x.EventList);
        });

        builder.Entity<WebhookDelivery>(d =>
        {
            d.ToTable("WebhookDeliveries");
            d.HasKey(x => x.Id);
            d.Property(x => x.Id).ValueGeneratedNever();
            d.Property(x => x.EventType).HasMaxLength(WebhookDelivery.EventTypeMaxLength).IsRequired();
            d.Property(x => x.Payload).IsRequired();
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.LastError).HasMaxLength(WebhookDelivery.LastErrorMaxLength);
            d.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(x => x.EndpointId).OnDelete(DeleteBehavior.Cascade);
            d.HasIndex(x => new { x.Status, x.NextAttemptAt });
            d.HasIndex(x => x.EndpointId);
        });
    }
}
