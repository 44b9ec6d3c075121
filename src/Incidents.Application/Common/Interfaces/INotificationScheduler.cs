namespace Incidents.Application.Common.Interfaces;

/// <summary>Asks the job runner to deliver a notification. Only triggers work: the row is the truth, and the
/// reconciler re-asks for any row that is owed and not sent, so a lost request loses nothing.</summary>
public interface INotificationScheduler
{
    void Enqueue(Guid notificationId);

    void Schedule(Guid notificationId, DateTimeOffset at);
}
