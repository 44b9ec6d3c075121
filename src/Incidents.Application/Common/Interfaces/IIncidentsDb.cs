using Incidents.Domain.Agreements;
using Incidents.Domain.Audit;
using Incidents.Domain.Evidence;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Incidents.Application.Common.Interfaces;

/// <summary>The product's database, used directly by handlers (no repository layer).</summary>
public interface IIncidentsDb
{
    DbSet<Organisation> Organisations { get; }
    DbSet<Contact> Contacts { get; }
    DbSet<Agreement> Agreements { get; }
    DbSet<Incident> Incidents { get; }
    DbSet<ReferenceCounter> ReferenceCounters { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<Alert> Alerts { get; }
    DbSet<EmailFault> EmailFaults { get; }
    DbSet<IcoFiling> IcoFilings { get; }
    DbSet<DataSubjectNotice> DataSubjectNotices { get; }
    DbSet<IncidentAction> IncidentActions { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<AuditHead> AuditHeads { get; }
    DbSet<Suspension> Suspensions { get; }
    DbSet<DurableTimer> Timers { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<Attachment> Attachments { get; }
    DbSet<NoticeTemplate> NoticeTemplates { get; }
    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    DbSet<TEntity> Set<TEntity>()
        where TEntity : class;

    ChangeTracker ChangeTracker { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity)
        where TEntity : class;
}
